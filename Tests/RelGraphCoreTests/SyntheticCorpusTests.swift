import Foundation
import Testing
@testable import RelGraphCore

@Suite struct SyntheticCorpusTests {
    @Test func sameSeedSameCorpusOtherSeedOtherCorpus() {
        let a = SyntheticCorpus(seed: 3, megabytes: 0.05)
        let b = SyntheticCorpus(seed: 3, megabytes: 0.05)
        let c = SyntheticCorpus(seed: 4, megabytes: 0.05)
        #expect(Array(a.documents()) == Array(b.documents()))
        #expect(Array(a.documents()) != Array(c.documents()))
        #expect(a.document(at: 5) == Array(a.documents())[5])
    }

    @Test func reachesTheTargetSizeWithArticleSizedDocuments() {
        let corpus = SyntheticCorpus(seed: 1, megabytes: 0.2)
        let sizes = corpus.articles().map { $0.text.utf8.count }
        let total = sizes.reduce(0, +)
        #expect(total >= 200_000 && total < 210_000)
        #expect(sizes.allSatisfy { (1500...8000).contains($0) })
    }

    @Test func poolsHoldTensOfThousandsOfDistinctNamesAt100MB() {
        let corpus = SyntheticCorpus(seed: 1, megabytes: 100)
        #expect(Set(corpus.people).count == corpus.people.count)
        #expect(corpus.people.count + corpus.organizations.count >= 20_000)
    }

    @Test func introducesPeopleInFullThenByFamilyName() throws {
        let document = SyntheticCorpus(seed: 9, megabytes: 1).document(at: 0)
        let corpus = SyntheticCorpus(seed: 9, megabytes: 1)
        let person = try #require(corpus.people.first { document.text.contains($0) })
        let family = String(person.split(separator: " ").last!)
        let first = try #require(document.text.range(of: family))
        #expect(document.text.range(of: person)!.upperBound == first.upperBound)
        #expect(document.date.map(isISODate) == true)
    }

    @Test func fileNamesSortInCorpusOrder() {
        #expect(SyntheticCorpus.fileName(0) == "0000/article-000000.txt")
        #expect(SyntheticCorpus.fileName(31_415) == "0031/article-031415.txt")
        #expect(SyntheticCorpus.fileName(999) < SyntheticCorpus.fileName(1000))
    }
}
