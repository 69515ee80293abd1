/// Turns rows of `customers.csv` (DESIGN.md §4.1) into validated customers.
///
/// ```swift
/// let parser = try CustomerRowParser(header: ["customer_id", "email", "locale"])
/// switch parser.parse(record) {
/// case .success(let customer): …
/// case .failure(let problems): problems.issues   // customers.csv:7: email: "zoe@" is not …
/// }
/// ```
public struct CustomerRowParser: Sendable {
    /// The columns of `customers.csv`, in their documented order.
    public static let columnNames = [
        "customer_id", "email", "phone", "push_token", "first_name", "last_name", "locale", "timezone", "country",
        "signup_at", "consent_email", "consent_sms", "consent_push",
    ]

    public let columns: ImportColumns

    public init(header: [String]) throws(HeaderError) {
        columns = try ImportColumns(header: header, known: Self.columnNames, required: ["customer_id"])
    }

    public func parse(_ record: CSVRecord) -> Result<Customer, RowIssues> {
        var row = RowReader(record: record, columns: columns)
        guard row.isUsable else { return .failure(RowIssues(row.issues)) }
        let id = row.identifier("customer_id")
        let email = row.check("email", ContactValidation.emailProblem)
        let phone = row.check("phone", ContactValidation.phoneProblem)
        let pushToken = row.check("push_token") { token in
            token.contains(where: \.isWhitespace) ? "push tokens have no spaces" : nil
        }
        var locale: LocaleTag?
        if let text = row.text("locale") {
            do { locale = try LocaleTag(parsing: text) } catch { row.fail("locale", error.description) }
        }
        let timeZone = row.check("timezone", ContactValidation.timeZoneProblem)
        let country = row.check("country", ContactValidation.countryProblem)
        let signupAt = row.timestamp("signup_at")
        // Consent without an address is kept as given: sending checks both, and a later import may add the address.
        let consent = Consent(
            email: row.flag("consent_email"),
            sms: row.flag("consent_sms"),
            push: row.flag("consent_push")
        )
        guard row.issues.isEmpty, let id else { return .failure(RowIssues(row.issues)) }
        return .success(
            Customer(
                id: id,
                email: email,
                phone: phone,
                pushToken: pushToken,
                firstName: row.text("first_name"),
                lastName: row.text("last_name"),
                locale: locale,
                timeZone: timeZone,
                country: country,
                signupAt: signupAt,
                consent: consent
            )
        )
    }
}
