import Foundation
import HomingTemplates

/// What `homing preview` prints and writes.
enum PreviewText {
    static func describe(_ rendered: RenderedMessage) -> String {
        var lines = ["\(rendered.message) · \(rendered.channel.rawValue) · \(rendered.requestedLocale)"]
        for part in rendered.parts {
            lines.append("── \(part.part.rawValue) (\(part.locale): \(part.file))")
            if part.part == .emailHTML {
                lines.append("[\(part.text.utf8.count) bytes of HTML; use --html FILE to see it]")
            } else {
                lines.append(part.text.trimmingCharacters(in: .newlines))
            }
            if part.part == .smsText {
                let sms = SMSText(part.text)
                let plural = sms.segments == 1 ? "" : "s"
                lines.append("── \(sms.encoding.rawValue), \(sms.units) units, \(sms.segments) segment\(plural)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func envelope(for context: MessageContext, message: String) -> EmailEnvelope {
        let domain = context.shop.supportEmail.split(separator: "@").last.map(String.init) ?? "localhost"
        let name = [context.customer.firstName, context.customer.lastName].compactMap(\.self).joined(separator: " ")
        return EmailEnvelope(
            from: EmailAddress(context.shop.supportEmail, name: context.shop.name),
            to: EmailAddress(context.customer.email ?? "customer@example.com", name: name),
            replyTo: EmailAddress(context.shop.supportEmail, name: context.shop.name),
            unsubscribeMailto: "unsubscribe@\(domain)",
            unsubscribeURL: context.links.unsubscribeURL,
            idempotencyKey: "preview/\(message)/\(context.locale)"
        )
    }

    /// A page with the envelope on top and the email in a sandboxed frame, so its styles stay its own.
    static func page(_ rendered: RenderedMessage, email: MIMEEmail) -> String {
        let headerEnd = email.text.range(of: "\r\n\r\n")?.lowerBound ?? email.text.endIndex
        let headers = email.text[..<headerEnd].replacingOccurrences(of: "\r\n ", with: " ")
        let html = rendered[.emailHTML] ?? ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(escape(rendered[.emailSubject] ?? ""))</title>
            <style>body{font-family:sans-serif;margin:16px}pre{background:#f4f4f4;padding:12px;white-space:pre-wrap}
            iframe{width:100%;height:80vh;border:1px solid #ccc}</style></head><body>
            <h2>\(escape(rendered[.emailSubject] ?? ""))</h2>
            <p>\(escape(rendered[.emailPreheader] ?? ""))</p>
            <pre>\(escape(headers))</pre>
            <iframe sandbox srcdoc="\(escape(html))"></iframe>
            </body></html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
