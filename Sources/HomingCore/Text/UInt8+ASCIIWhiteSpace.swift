extension UInt8 {
    /// Whether the byte is ASCII white space: space, tab, line feed, vertical tab, form feed or carriage return.
    ///
    /// ```swift
    /// UInt8(ascii: "\t").isASCIIWhiteSpace   // true
    /// UInt8(ascii: "x").isASCIIWhiteSpace    // false
    /// ```
    ///
    /// The bytes a rendered part is trimmed of. The template skeleton leaves the same bytes out in
    /// advance, so both must use this one test.
    @inlinable public var isASCIIWhiteSpace: Bool { self == 0x20 || self &- 0x09 < 5 }
}
