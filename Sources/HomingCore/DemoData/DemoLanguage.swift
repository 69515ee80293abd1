/// The language names, products and promo codes are drawn in.
enum DemoLanguage: Sendable {
    case american
    case british
    case french
    case quebec
    case simplifiedChinese
    case traditionalChinese

    /// Promo codes, weighted towards ASCII; a few Chinese codes exercise UTF-8 in a plain column.
    var promoCodes: [String] {
        switch self {
        case .american: ["WELCOME10", "SPRING15", "VIP20", "SUMMER25", "FREESHIP", "BFCM30"]
        case .british: ["WELCOME10", "SPRING15", "VIP20", "BOXINGDAY20", "FREEPOST"]
        case .french: ["MERCI10", "BIENVENUE15", "SOLDES20", "VIP20", "PRINTEMPS15"]
        case .quebec: ["MERCI10", "BIENVENUE15", "VIP20", "BOXINGDAY20"]
        case .simplifiedChinese: ["WELCOME10", "VIP20", "SPRING15", "DOUBLE11", "新春8折"]
        case .traditionalChinese: ["WELCOME10", "VIP20", "SPRING15", "週年慶9折"]
        }
    }
}
