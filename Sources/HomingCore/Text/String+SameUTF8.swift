import Foundation

extension String {
    /// Whether the two strings hold exactly the same UTF-8 bytes.
    ///
    /// ```swift
    /// "Caf\u{E9}" == "Cafe\u{301}"                 // true: canonically equivalent
    /// "Caf\u{E9}".hasSameUTF8(as: "Cafe\u{301}")   // false: different bytes
    /// ```
    ///
    /// `==` compares canonical equivalence, so a cache keyed on it could hand back text made from
    /// the other spelling. Native strings compare with one `memcmp`.
    public func hasSameUTF8(as other: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count == theirs.count
                    && (mine.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0)
            }
        }
        return (compared ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}
