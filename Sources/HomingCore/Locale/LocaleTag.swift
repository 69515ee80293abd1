/// A well-formed BCP 47 language tag (RFC 5646), kept in canonical case.
///
/// ```swift
/// let tag = try LocaleTag(parsing: "zh-hant-tw")
/// tag.description    // "zh-Hant-TW"
/// tag.language       // "zh"
/// tag.script         // "Hant"
/// tag.region         // "TW"
/// ```
///
/// Only the syntax is checked: a tag that is well formed but names no real language still parses,
/// because shops send tags Homing has no templates for and those must fall back, not fail.
public struct LocaleTag: Hashable, Sendable, CustomStringConvertible {
    /// The primary language subtag, lower case (`en`, `fr`, `zh`).
    public let language: String
    /// Extended language subtags, lower case (`yue` in `zh-yue`).
    public let extendedLanguages: [String]
    /// The script subtag in title case (`Hans`, `Hant`), if any.
    public let script: String?
    /// The region subtag, upper case (`TW`) or three digits (`419`), if any.
    public let region: String?
    /// Variants, extensions and private-use subtags, lower case, in their original order.
    public let trailing: [String]

    public var description: String {
        var parts = [language] + extendedLanguages
        if let script { parts.append(script) }
        if let region { parts.append(region) }
        return (parts + trailing).joined(separator: "-")
    }

    /// Parses `text`, or throws an error that says what is wrong with it.
    public init(parsing text: String) throws(LocaleTagError) {
        if let common = Self.languageAndRegion(text) {
            self = common
            return
        }
        try self.init(anyTag: text)
    }

    private init(language: String, region: String?) {
        self.language = language
        extendedLanguages = []
        script = nil
        self.region = region
        trailing = []
    }

    /// `en`, `fra`, `pt-br`: two or three letters, then perhaps `-` and two letters — the tags
    /// shops send nearly always — read from the bytes, as the general parser would read them.
    /// Splitting and case-mapping every tag was 2% of a webhook's CPU. Nil for anything else.
    private static func languageAndRegion(_ text: String) -> LocaleTag? {
        let tag = text.utf8.withContiguousStorageIfAvailable { bytes -> LocaleTag? in
            let count = bytes.count
            guard count == 2 || count == 3 || count == 5 || count == 6 else { return nil }
            let languageCount = count < 5 ? count : count - 3
            for (index, byte) in bytes.enumerated() {
                let lower = byte | 0x20
                let fits =
                    index == languageCount
                    ? byte == UInt8(ascii: "-") : lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
                guard fits else { return nil }
            }
            let language = String(unsafeUninitializedCapacity: languageCount) { out in
                for index in 0..<languageCount { out[index] = bytes[index] | 0x20 }
                return languageCount
            }
            guard count > languageCount else { return LocaleTag(language: language, region: nil) }
            let region = String(unsafeUninitializedCapacity: 2) { out in
                out[0] = bytes[count - 2] & ~0x20
                out[1] = bytes[count - 1] & ~0x20
                return 2
            }
            return LocaleTag(language: language, region: region)
        }
        return tag ?? nil
    }

    /// The general parser: every well-formed tag, and the message for every other text.
    private init(anyTag text: String) throws(LocaleTagError) {
        guard !text.isEmpty else { throw LocaleTagError(description: "is empty") }
        if text.contains("_") {
            let hint = text.replacingUnderscores
            throw LocaleTagError(
                description: "\"\(text)\" is not a BCP 47 tag: use \"-\" between subtags, e.g. \"\(hint)\""
            )
        }
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard subtags.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy(\.isASCIIAlphanumeric) }) else {
            throw LocaleTagError(description: "\"\(text)\" is not a BCP 47 tag like en, fr-CA or zh-Hant-TW")
        }
        var index = 0
        let first = subtags[0]
        guard first.allSatisfy(\.isASCIILetter), first.count >= 2 else {
            throw LocaleTagError(description: "\"\(text)\" does not start with a language subtag like en or zh")
        }
        language = first.lowercased()
        index = 1
        var extlangs: [String] = []
        if (2...3).contains(first.count) {
            while index < subtags.count, extlangs.count < 3, subtags[index].count == 3,
                subtags[index].allSatisfy(\.isASCIILetter)
            {
                extlangs.append(subtags[index].lowercased())
                index += 1
            }
        }
        extendedLanguages = extlangs
        if index < subtags.count, subtags[index].count == 4, subtags[index].allSatisfy(\.isASCIILetter) {
            script = subtags[index].prefix(1).uppercased() + subtags[index].dropFirst().lowercased()
            index += 1
        } else {
            script = nil
        }
        if index < subtags.count,
            (subtags[index].count == 2 && subtags[index].allSatisfy(\.isASCIILetter))
                || (subtags[index].count == 3 && subtags[index].allSatisfy(\.isASCIIDigit))
        {
            region = subtags[index].uppercased()
            index += 1
        } else {
            region = nil
        }
        trailing = try LocaleTag.parseTrailing(Array(subtags[index...]), in: text)
    }

    /// Variants, then extensions (`u-ca-gregory`), then private use (`x-foo`).
    private static func parseTrailing(_ subtags: [String], in text: String) throws(LocaleTagError) -> [String] {
        var index = 0
        var result: [String] = []
        while index < subtags.count {
            let subtag = subtags[index].lowercased()
            let isVariant =
                (5...8).contains(subtag.count) || (subtag.count == 4 && subtag.first!.isASCIIDigit)
            if isVariant {
                result.append(subtag)
                index += 1
                continue
            }
            guard subtag.count == 1 else {
                throw LocaleTagError(description: "\"\(text)\": subtag \"\(subtags[index])\" is out of place")
            }
            let isPrivateUse = subtag == "x"
            result.append(subtag)
            index += 1
            var members = 0
            while index < subtags.count, isPrivateUse || subtags[index].count >= 2 {
                result.append(subtags[index].lowercased())
                index += 1
                members += 1
            }
            guard members > 0 else {
                throw LocaleTagError(description: "\"\(text)\": singleton \"\(subtag)\" must be followed by a subtag")
            }
        }
        return result
    }
}

/// Why a language tag was refused.
public struct LocaleTagError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}

extension String {
    fileprivate var replacingUnderscores: String { split(separator: "_").joined(separator: "-") }
}
