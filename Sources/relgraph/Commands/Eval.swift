import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score recognition against a gold file or an IOB2 benchmark.",
            discussion: """
                Examples:
                  relgraph eval --gold Tests/Gold/entities.tsv --corpus Corpus/
                  relgraph eval --iob2 ../shared/benchmarks/uner-english-pud/en_pud-ud-test.iob2 --subset n
                The gold file's kind is read from its header (see README).
                """
        )

        @OptionGroup var corpus: CorpusOptions

        @Option(name: .long, help: "A gold TSV file (entities or relations) for the documents of --corpus.")
        var gold: String?

        @Option(name: .long, help: "An IOB2 file to score span-level exact match on (PER, ORG, LOC).")
        var iob2: String?

        @Option(name: .long, help: "With --iob2: only sentences whose id starts with this prefix (e.g. 'n' for news).")
        var subset: String = ""

        @Option(name: .long, help: "With --iob2: 'sentence' (each sentence alone) or 'document' (the sentences of one newdoc together).")
        var context: IOB2Evaluation.Context = .sentence

        @Flag(name: .long, help: "Also list false positives (FP) and false negatives (FN).")
        var errors = false

        func validate() throws {
            guard (gold == nil) != (iob2 == nil) else { throw ValidationError("pass exactly one of --gold FILE or --iob2 FILE") }
        }

        func run() throws {
            let report: EvaluationReport
            do {
                if let iob2 {
                    let data = try IOB2Evaluation.load(path: iob2)
                    report = data.evaluate(Recognizer(lexicon: try corpus.loadLexicon()), idPrefix: subset, context: context,
                                           title: "\((iob2 as NSString).lastPathComponent)\(subset.isEmpty ? "" : " (ids '\(subset)*')"), \(context.rawValue) context")
                } else {
                    let goldFile = try GoldFile.load(path: gold!)
                    report = try Evaluation.evaluate(try corpus.buildGraph(), gold: goldFile, source: gold!)
                }
            } catch let error as EvaluationError {
                throw fail(error)
            }
            print(report.table, terminator: "")
            if errors { for line in report.errors { print(line) } }
        }
    }
}

extension IOB2Evaluation.Context: ExpressibleByArgument {}
