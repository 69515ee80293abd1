/// A product a demo shop sells, with its list price in minor units.
///
/// ```swift
/// let mug = DemoProduct("Ceramic Coffee Mug|1400")   // name "Ceramic Coffee Mug", listPrice 1400
/// ```
///
/// `csvJSONPrefix` is the start of the product's JSON object, already JSON-escaped and then CSV-escaped
/// (quotes doubled), so an order row appends it without re-scanning the name 10 million times.
struct DemoProduct: Sendable {
    let name: String
    let listPrice: Int
    let csvJSONPrefix: [UInt8]

    init(_ entry: String) {
        let parts = entry.split(separator: "|", omittingEmptySubsequences: false)
        name = String(parts[0])
        listPrice = Int(parts[1])!
        var json = "{\"name\":\""
        DemoProduct.appendJSONEscaped(name, to: &json)
        json += "\",\"quantity\":"
        csvJSONPrefix = Array(json.utf8).flatMap { $0 == UInt8(ascii: "\"") ? [$0, $0] : [$0] }
    }

    /// Appends `text` escaped for the inside of a JSON string (RFC 8259 §7).
    static func appendJSONEscaped(_ text: String, to json: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef")
                json += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 15)])
            default: json.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Product catalogs per language; a few names carry quotes, commas, backslashes or a line break on purpose.
enum DemoProducts {
    static func catalog(_ language: DemoLanguage) -> [DemoProduct] {
        switch language {
        case .american, .british: english.map(DemoProduct.init)
        case .french, .quebec: french.map(DemoProduct.init)
        case .simplifiedChinese: simplified.map(DemoProduct.init)
        case .traditionalChinese: traditional.map(DemoProduct.init)
        }
    }

    /// Rare oddities: a name with a line break, as when a gift message ends up in the product title.
    static func oddities(_ language: DemoLanguage) -> [DemoProduct] {
        let entries: [String] =
            switch language {
            case .american, .british: ["Gift Box\nwith handwritten card|1500", "Tab\tSeparated Tea Sampler|1900"]
            case .french, .quebec: ["Coffret cadeau\navec carte manuscrite|1500"]
            case .simplifiedChinese: ["礼盒\n附手写贺卡|8800"]
            case .traditionalChinese: ["禮盒\n附手寫賀卡|8800"]
            }
        return entries.map(DemoProduct.init)
    }

    private static let english = [
        "Organic Cotton T-Shirt|2400", "Merino Wool Sweater|8900", "Canvas Tote Bag|1800", "Ceramic Coffee Mug|1400",
        "Stainless Steel Water Bottle|2900", "Scented Soy Candle|2200", "Leather Wallet|4900",
        "Running Socks (3-Pack)|1500", "Wireless Earbuds|7900", "Linen Throw Pillow|3400", "12\" Vinyl Record|2800",
        "Notebook, Dotted A5|1200", "Yoga Mat|3900", "Bamboo Cutting Board|3200", "Polarized Sunglasses|5900",
        "Phone Case|1900", "Shea Butter Hand Cream|1200", "Espresso Beans, 1 lb|1600", "Sticker Pack \\o/|600",
        "Rain Jacket|11900", "Wool Beanie|2500", "Desk Lamp|4500", "Chef's Knife|6900", "Jigsaw Puzzle 1000 pcs|2100",
    ]
    private static let french = [
        "T-shirt en coton bio|2400", "Pull en laine mérinos|8900", "Sac cabas « Paris »|1800",
        "Mug en céramique|1400", "Gourde en inox|2900", "Bougie parfumée à la lavande|2200",
        "Portefeuille en cuir|4900", "Chaussettes de course (lot de 3)|1500", "Écouteurs sans fil|7900",
        "Coussin en lin|3400", "Vinyle 33 tours 12\"|2800", "Carnet pointillé, format A5|1200",
        "Tapis de yoga|3900", "Planche à découper en bambou|3200", "Lunettes de soleil|5900", "Coque de téléphone|1900",
        "Crème pour les mains|1200", "Café en grains, 500 g|1600", "Savon de Marseille|650",
        "Écharpe en cachemire|9900",
        "Thé vert « Sencha »|1450", "Imperméable|11900", "Bonnet en laine|2500", "Lampe de bureau|4500",
    ]
    private static let simplified = [
        "有机棉T恤|2400", "美利奴羊毛衫|8900", "帆布托特包|1800", "陶瓷咖啡杯|1400", "不锈钢保温杯|2900",
        "香薰蜡烛|2200", "真皮钱包|4900", "跑步袜（3双装）|1500", "无线耳机|7900", "亚麻抱枕|3400", "瑜伽垫|3900",
        "竹制砧板|3200", "太阳镜|5900", "手机壳|1900", "护手霜|1200", "咖啡豆 500克|1600", "绿茶礼盒|4200",
        "笔记本 A5 点阵|1200", "“限量版”马克杯|2600", "羊绒围巾|9900",
    ]
    private static let traditional = [
        "有機棉T恤|2400", "美麗諾羊毛衫|8900", "帆布托特包|1800", "陶瓷咖啡杯|1400", "不鏽鋼保溫瓶|2900",
        "香氛蠟燭|2200", "真皮皮夾|4900", "跑步襪（3雙裝）|1500", "無線耳機|7900", "亞麻抱枕|3400", "瑜伽墊|3900",
        "竹製砧板|3200", "太陽眼鏡|5900", "手機殼|1900", "護手霜|1200", "咖啡豆 500克|1600", "烏龍茶禮盒|4200",
        "筆記本 A5 點陣|1200", "「限量版」馬克杯|2600", "喀什米爾圍巾|9900",
    ]
}
