import HomingCore
import HomingEngine

/// The small pages of `/u/{token}`, in English, French, Simplified or Traditional Chinese.
///
/// ```swift
/// UnsubscribePage.confirm(.french, scope: .email)   // a page with one button that POSTs back
/// ```
enum UnsubscribePage {
    enum Language {
        case english, french, simplifiedChinese, traditionalChinese

        init(_ tag: LocaleTag) {
            switch (tag.language, tag.script ?? tag.impliedScript) {
            case ("fr", _): self = .french
            case ("zh", "Hant"): self = .traditionalChinese
            case ("zh", _): self = .simplifiedChinese
            default: self = .english
            }
        }

        var code: String {
            switch self {
            case .english: "en"
            case .french: "fr"
            case .simplifiedChinese: "zh-Hans"
            case .traditionalChinese: "zh-Hant"
            }
        }
    }

    static func confirm(_ language: Language, scope: UnsubscribeToken.Scope) -> String {
        let (title, body, button): (String, String, String) =
            switch language {
            case .english: ("Unsubscribe", "Stop receiving \(what(language, scope)) from us?", "Unsubscribe")
            case .french:
                ("Désinscription", "Ne plus recevoir \(what(language, scope)) de notre part ?", "Me désinscrire")
            case .simplifiedChinese: ("退订", "不再接收我们的\(what(language, scope))？", "确认退订")
            case .traditionalChinese: ("取消訂閱", "不再接收我們的\(what(language, scope))？", "確認取消訂閱")
            }
        return html(
            language,
            title: title,
            body: "<p>\(body)</p><form method=\"post\"><button type=\"submit\">\(button)</button></form>"
        )
    }

    static func done(_ language: Language, scope: UnsubscribeToken.Scope) -> String {
        let (title, body): (String, String) =
            switch language {
            case .english: ("Unsubscribed", "You will no longer receive \(what(language, scope)) from us.")
            case .french: ("Désinscription confirmée", "Vous ne recevrez plus \(what(language, scope)) de notre part.")
            case .simplifiedChinese: ("已退订", "您将不再收到我们的\(what(language, scope))。")
            case .traditionalChinese: ("已取消訂閱", "您將不再收到我們的\(what(language, scope))。")
            }
        return html(language, title: title, body: "<p>\(body)</p>")
    }

    static func invalid(_ language: Language) -> String {
        let (title, body): (String, String) =
            switch language {
            case .english:
                ("Link not valid", "This unsubscribe link is not valid. Please use the link from your latest message.")
            case .french:
                (
                    "Lien non valide",
                    "Ce lien de désinscription n’est pas valide. Utilisez celui de votre dernier message."
                )
            case .simplifiedChinese: ("链接无效", "此退订链接无效，请使用您最近一封消息中的链接。")
            case .traditionalChinese: ("連結無效", "此取消訂閱連結無效，請使用您最近一則訊息中的連結。")
            }
        return html(language, title: title, body: "<p>\(body)</p>")
    }

    private static func what(_ language: Language, _ scope: UnsubscribeToken.Scope) -> String {
        switch (language, scope) {
        case (.english, .email): "emails"
        case (.english, .sms): "text messages"
        case (.english, .push): "notifications"
        case (.english, .all): "messages"
        case (.french, .email): "d’e-mails"
        case (.french, .sms): "de SMS"
        case (.french, .push): "de notifications"
        case (.french, .all): "de messages"
        case (.simplifiedChinese, .email): "邮件"
        case (.simplifiedChinese, .sms): "短信"
        case (.simplifiedChinese, .push): "推送通知"
        case (.simplifiedChinese, .all): "消息"
        case (.traditionalChinese, .email): "電子郵件"
        case (.traditionalChinese, .sms): "簡訊"
        case (.traditionalChinese, .push): "推播通知"
        case (.traditionalChinese, .all): "訊息"
        }
    }

    private static func html(_ language: Language, title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.code)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title)</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
        button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
        <body><h1>\(title)</h1>\(body)</body></html>

        """
    }
}
