import Foundation

/// `JSONDecoder`'s reading of a JSON number as `Int`.
enum JSONNumber {
    /// The integer `number` (the bytes of a scanned number) stands for, or `nil` when
    /// `JSONDecoder` would refuse it as an `Int`.
    static func int(_ number: UnsafeBufferPointer<UInt8>) -> Int? {
        guard isValid(number) else { return nil }
        // Fast path: optional minus and digits that fit.
        var index = 0
        let negative = number[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var magnitude: UInt64 = 0
        var plain = true
        while index < number.count {
            let byte = number[index]
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { plain = false; break }
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { plain = false; break }
            magnitude = sum
            index += 1
        }
        if plain {
            if negative {
                if magnitude <= UInt64(Int.max) { return -Int(magnitude) }
                if magnitude == UInt64(Int.max) + 1 { return Int.min }
            } else if magnitude <= UInt64(Int.max) {
                return Int(magnitude)
            }
        }
        // Slow path, as Foundation: a Double when it is an exact integer below 2^53…
        let text = String(decoding: number, as: UTF8.self)
        if let double = Double(text) {
            guard let value = Int(exactly: double) else { return nil }
            if double.magnitude < 0x1p53 { return value }
        }
        // …else Foundation's own Decimal conversion, which only numbers past 2^53 written
        // with a fraction or exponent reach.
        return try? JSONDecoder().decode([Int].self, from: Data(("[" + text + "]").utf8)).first
    }

    /// Whether `number` follows JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isValid(_ number: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < number.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(number[index]) { index += 1 }
            return index - start
        }
        if index < number.count, number[index] == UInt8(ascii: "-") { index += 1 }
        guard index < number.count else { return false }
        if number[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < number.count, number[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < number.count, number[index] == UInt8(ascii: "e") || number[index] == UInt8(ascii: "E") {
            index += 1
            if index < number.count, number[index] == UInt8(ascii: "+") || number[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == number.count
    }
}
