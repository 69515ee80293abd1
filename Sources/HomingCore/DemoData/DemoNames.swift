/// A name as shown (`Hélène`, `陈`) and as it appears in an email address (`helene`, `chen`).
///
/// ```swift
/// let name = DemoName("Hélène")      // ascii "helene"
/// let chen = DemoName("陈|chen")     // display "陈", ascii "chen"
/// ```
struct DemoName: Sendable {
    let display: String
    let ascii: String

    /// `display|ascii`, or a Latin name whose ASCII form is derived by folding accents.
    init(_ entry: String) {
        let parts = entry.split(separator: "|", maxSplits: 1)
        display = String(parts[0])
        ascii = parts.count == 2 ? String(parts[1]) : DemoName.fold(display)
    }

    /// Lower-case ASCII letters only: accents stripped, spaces, hyphens and apostrophes dropped.
    static func fold(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { result.unicodeScalars.append(scalar) }
                continue
            }
            for (letters, replacement) in foldTable where letters.unicodeScalars.contains(scalar) {
                result += replacement
                break
            }
        }
        return result
    }

    private static let foldTable: [(String, String)] = [
        ("àáâãäåā", "a"), ("æ", "ae"), ("çć", "c"), ("èéêëē", "e"), ("ìíîïī", "i"), ("ñń", "n"),
        ("òóôõöøō", "o"), ("œ", "oe"), ("ùúûüū", "u"), ("ýÿ", "y"), ("ß", "ss"),
    ]
}

/// First and last names native to each language, as a shop in that market would see them.
enum DemoNames {
    static func first(_ language: DemoLanguage) -> [DemoName] {
        switch language {
        case .american: american.map(DemoName.init)
        case .british: british.map(DemoName.init)
        case .french: french.map(DemoName.init)
        case .quebec: quebec.map(DemoName.init)
        case .simplifiedChinese: simplifiedGiven.map(DemoName.init)
        case .traditionalChinese: traditionalGiven.map(DemoName.init)
        }
    }

    static func last(_ language: DemoLanguage) -> [DemoName] {
        switch language {
        case .american: americanLast.map(DemoName.init)
        case .british: britishLast.map(DemoName.init)
        case .french: frenchLast.map(DemoName.init)
        case .quebec: quebecLast.map(DemoName.init)
        case .simplifiedChinese: simplifiedFamily.map(DemoName.init)
        case .traditionalChinese: traditionalFamily.map(DemoName.init)
        }
    }

    private static let american = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
        "Daniel", "Emily", "Matthew", "Ashley", "Anthony", "Olivia", "Mark", "Sophia", "José", "María", "Sofía",
        "Zoë", "Aaliyah", "DeShawn", "Mia", "Ethan", "Chloe", "Noah", "Ava", "Liam", "Harper", "Mateo",
    ]
    private static let americanLast = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Nguyen", "Thompson", "White", "Harris", "Clark", "Lewis", "O'Brien", "O'Connor", "Peña", "Núñez", "Kim",
        "Patel", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill", "Green", "Adams",
    ]
    private static let british = [
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Charlie", "Lily", "Leo",
        "Freya", "Oscar", "Florence", "Alfie", "Poppy", "Arthur", "Evie", "Siobhan", "Niamh", "Rhys", "Eilidh",
        "Callum", "Zoë", "Chloë", "Seán", "Aoife", "Dafydd", "Imogen", "Hamish",
    ]
    private static let britishLast = [
        "Smith", "Jones", "Williams", "Taylor", "Davies", "Evans", "Brown", "Wilson", "Thomas", "Roberts",
        "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "Wright", "Hughes", "Edwards", "Green",
        "Hall", "Patel", "Khan", "McDonald", "Campbell", "Ó Briain", "Fitzgerald", "Ashworth-Clarke", "MacLeod",
    ]
    private static let french = [
        "Zoë", "Hélène", "François", "Chloé", "Léa", "Noémie", "Maël", "Anaïs", "Jérôme", "Gaëlle", "Benoît",
        "Cécile", "Étienne", "Inès", "Raphaël", "Théo", "Camille", "Lucas", "Manon", "Hugo", "Louise", "Arthur",
        "Jules", "Emma", "Céline", "Loïc", "Joël", "Françoise", "Mathéo", "Océane", "Jean-Baptiste", "Marie-Ève",
    ]
    private static let frenchLast = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Faure", "Rousseau",
        "Blanc", "Guérin", "Müller", "Hébert", "Chevalier", "Le Gall", "D'Almeida", "Bénard",
    ]
    private static let quebec = [
        "Élodie", "Émile", "Félix", "Maxime", "Gabrielle", "Mathis", "Laurence", "Samuel", "Rosalie", "Éloïse",
        "Jérémie", "Marc-André", "Geneviève", "Josée", "Sébastien", "Véronique", "Frédéric", "Stéphane",
        "Mélanie", "Annie", "Zoé", "Léo", "Olivier", "Béatrice",
    ]
    private static let quebecLast = [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
        "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Bérubé", "Saint-Pierre", "Légaré",
    ]
    private static let simplifiedFamily = [
        "王|wang", "李|li", "张|zhang", "刘|liu", "陈|chen", "杨|yang", "黄|huang", "赵|zhao", "吴|wu", "周|zhou",
        "徐|xu", "孙|sun", "马|ma", "朱|zhu", "胡|hu", "郭|guo", "何|he", "林|lin", "罗|luo", "高|gao", "郑|zheng",
        "梁|liang", "谢|xie", "宋|song", "唐|tang", "许|xu", "韩|han", "冯|feng", "邓|deng", "曹|cao", "欧阳|ouyang",
    ]
    private static let simplifiedGiven = [
        "伟|wei", "芳|fang", "娜|na", "秀英|xiuying", "敏|min", "静|jing", "丽|li", "强|qiang", "磊|lei", "军|jun",
        "洋|yang", "勇|yong", "艳|yan", "杰|jie", "娟|juan", "涛|tao", "明|ming", "超|chao", "秀兰|xiulan",
        "霞|xia", "晓东|xiaodong", "子涵|zihan", "浩然|haoran", "欣怡|xinyi", "梓萱|zixuan", "宇轩|yuxuan",
        "雨桐|yutong", "俊杰|junjie", "佳怡|jiayi", "思远|siyuan", "嘉豪|jiahao", "诗涵|shihan", "紫涵|zihan",
    ]
    private static let traditionalFamily = [
        "陳|chen", "林|lin", "黃|huang", "張|chang", "李|lee", "王|wang", "吳|wu", "劉|liu", "蔡|tsai", "楊|yang",
        "許|hsu", "鄭|cheng", "謝|hsieh", "郭|kuo", "洪|hung", "曾|tseng", "邱|chiu", "廖|liao", "賴|lai", "周|chou",
        "徐|hsu", "蘇|su", "葉|yeh", "莊|chuang", "呂|lu", "江|chiang", "何|ho", "蕭|hsiao", "羅|lo", "高|kao",
        "歐陽|ouyang",
    ]
    private static let traditionalGiven = [
        "家豪|chiahao", "志明|chihming", "俊傑|chunchieh", "建宏|chienhung", "怡君|yichun", "雅婷|yating",
        "淑芬|shufen", "美玲|meiling", "欣怡|hsinyi", "宗翰|tsunghan", "承恩|chengen", "詩涵|shihhan",
        "冠宇|kuanyu", "佳穎|chiaying", "品妍|pinyen", "宥廷|yuting", "柏翰|pohan", "子晴|tzuching", "郁婷|yuting",
        "偉|wei", "雅雯|yawen", "瑋|wei", "書豪|shuhao", "凱翔|kaihsiang",
    ]
}
