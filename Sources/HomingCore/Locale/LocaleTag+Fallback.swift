extension LocaleTag {
    /// The tags to look a template up under, most specific first, ending with `defaultLocale`.
    ///
    /// ```swift
    /// let en = try LocaleTag(parsing: "en")
    /// try LocaleTag(parsing: "zh-TW").fallbackChain(defaultLocale: en)
    /// // [zh-Hant-TW, zh-Hant, zh, en]
    /// try LocaleTag(parsing: "fr-CA").fallbackChain(defaultLocale: en)   // [fr-CA, fr, en]
    /// ```
    ///
    /// Chinese gets its script filled in first (`zh-TW`, `zh-HK`, `zh-MO` imply `Hant`; every other
    /// `zh` implies `Hans`), so a Taiwanese customer never falls into Simplified before the default.
    /// Variants and extensions are dropped: templates are kept per language, script and region only.
    public func fallbackChain(defaultLocale: LocaleTag) -> [LocaleTag] {
        let script = self.script ?? impliedScript
        var chain: [LocaleTag] = []
        func add(_ tag: LocaleTag) {
            if !chain.contains(tag) { chain.append(tag) }
        }
        if let region { add(LocaleTag(language: language, script: script, region: region)) }
        if let script { add(LocaleTag(language: language, script: script, region: nil)) }
        add(LocaleTag(language: language, script: nil, region: nil))
        add(defaultLocale)
        return chain
    }

    /// The script a bare tag implies for languages written in more than one (`zh-TW` → `Hant`).
    public var impliedScript: String? {
        guard language == "zh", extendedLanguages.isEmpty else { return nil }
        switch region {
        case "TW", "HK", "MO": return "Hant"
        default: return "Hans"
        }
    }

    /// Builds a tag from subtags already in canonical case.
    init(language: String, script: String?, region: String?) {
        self.language = language
        self.extendedLanguages = []
        self.script = script
        self.region = region
        self.trailing = []
    }
}
