@testable import RelGraphCore

extension PartialGraph {
    /// A relation's evidence records in evidence order, each distinct record once: the
    /// `EvidenceSorter` on one relation's list, which `evidenceSorterEqualsSortingTheEvidence`
    /// holds to sorting the materialized `Evidence`.
    func distinctEvidence(ofRelation relation: Int, rank: [Int32]) -> [Int32] {
        var sorter = EvidenceSorter(self, rank: rank)
        var result: [Int32] = []
        sorter.appendSortedDistinct(evidenceRecords(ofRelation: relation), to: &result)
        return result
    }
}
