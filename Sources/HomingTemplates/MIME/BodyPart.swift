/// One body of a `multipart/alternative` email: its part headers and its content, encoded as bytes.
///
/// ```swift
/// let part = BodyPart(htmlBytes, type: "text/html", layout: rendered.layout(.emailHTML))
/// var out = ByteWriter(buffer.baseAddress!, capacity: part.maximumCount)
/// part.write(into: &out)
/// ```
///
/// Quoted-printable when the body is mostly ASCII, base64 otherwise (Chinese would triple in QP). The one
/// scan that decides the encoding also bounds its length, so the message is allocated once. With the
/// body's ``BodyLayout`` the counts made while filling decide without a scan, and quoted-printable copies
/// the literal text encoded in advance.
struct BodyPart {
    let bytes: UnsafeBufferPointer<UInt8>
    let type: StaticString
    let layout: BodyLayout?
    let base64: Bool
    /// At least what ``write(into:)`` writes.
    let maximumCount: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, type: StaticString, layout: BodyLayout?) {
        self.bytes = bytes
        self.type = type
        self.layout = layout
        var counts: ByteScan.Counts
        if let layout {
            base64 = layout.nonASCIICount * 3 > bytes.count
            counts = ByteScan.Counts(nonASCII: layout.nonASCIICount, notPlain: layout.notPlainBound)
        } else {
            counts = ByteScan.count(bytes)
            base64 = counts.nonASCII * 3 > bytes.count
        }
        let body =
            base64
            ? MIMEBase64.encodedCount(bytes.count, lineLength: 76)
            : QuotedPrintable.maximumEncodedCount(bytes.count, counts)
        maximumCount = Self.headerCount + type.utf8CodeUnitCount + body
    }

    private static let headerCount =
        "Content-Type: ; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8.count

    func write(into out: inout ByteWriter) {
        out.append("Content-Type: ")
        out.append(type)
        out.append("; charset=UTF-8\r\n")
        if base64 {
            out.append("Content-Transfer-Encoding: base64\r\n\r\n")
            out.advance(by: MIMEBase64.encode(bytes, lineLength: 76, to: out.next, limit: out.remaining))
        } else {
            out.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
            if let layout {
                out.advance(by: QuotedPrintable.encode(bytes, layout: layout, to: out.next, limit: out.remaining))
            } else {
                out.advance(by: QuotedPrintable.encode(bytes, to: out.next, limit: out.remaining))
            }
        }
    }
}
