import Hummingbird

extension HTTPFields {
    /// What `self[name]` answers — the field's value, the values of a repeated field joined by
    /// `", "` (`"; "` for cookies), nil when absent — without the generic lazy `joined` the
    /// subscript runs even for a single value, which made header reads 2% of a webhook's CPU.
    func value(_ name: HTTPFields.Element.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if let earlier = found {
                found = earlier + (name == .cookie ? "; " : ", ") + field.value
            } else {
                found = field.value
            }
        }
        return found
    }
}
