import HomingCore
import HomingTestSupport
import Testing

@testable import HomingTemplates

@Suite struct StrictVariableTests {
    func diagnostics(_ source: String, part: String = "email.subject") throws -> [String] {
        let directory = try TemporaryDirectory()
        let catalog = try Fixtures.catalog(
            [
                "en/win-back-offer/\(part).mustache": source,
                "en/partials/footer.text.mustache": "{{shop.name}} {{links.unsubscribe_url}}",
                "en/partials/bad.text.mustache": "line one\n{{shop.nom}}",
            ],
            in: directory.url
        )
        let prefix = directory.url.path + "/"
        return catalog.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "templates/") }
    }

    @Test func unknownVariableIsReportedWithFileAndLine() throws {
        let problems = try diagnostics("{{offer.percent}} off\nwith {{ofer.code}}")
        #expect(problems == ["templates/en/win-back-offer/email.subject.mustache:2: unknown variable \"ofer.code\""])
    }

    @Test func theIssueExampleInFrench() throws {
        let directory = try TemporaryDirectory()
        let catalog = try Fixtures.catalog(
            [
                "en/win-back-offer/email.subject.mustache": "{{offer.code}}",
                "fr/win-back-offer/email.subject.mustache": "Code {{ofer.code}}",
            ],
            in: directory.url
        )
        let check = CatalogCheck(catalog: catalog)
        let expected =
            directory.url.path + "/fr/win-back-offer/email.subject.mustache:1: unknown variable \"ofer.code\""
        #expect(check.diagnostics.map(\.description).contains(expected))
        #expect(check.hasErrors)
        // A broken part refuses to render instead of falling back to English.
        let context = MessageContext.sample(for: Fixtures.tag("fr"))
        #expect(throws: TemplateError.self) {
            try MessageRenderer(catalog: catalog).render("win-back-offer", channel: .email, context: context)
        }
    }

    @Test(
        arguments: [
            ("{{customer.first_name}}", "\"customer.first_name\" may be missing; guard it with"),
            ("{{customer}}", "\"customer\" is an object; use one of its fields"),
            ("{{#order.items}}{{.}}{{/order.items}}", "\".\" is an object; use one of its fields"),
            ("{{order.items}}", "\"order.items\" is a list; loop over it with"),
            ("{{#order.items}}{{nom}}{{/order.items}}", "unknown variable \"nom\""),
            ("{{#order.items}}{{name}}", "section \"order.items\" is never closed"),
            ("{{#offer}}{{/order}}", "{{/order}} does not close an open section"),
            ("{{uppercased(shop.name)}}", "transforms are not allowed"),
            ("{{=<% %>=}}", "changing delimiters is not allowed"),
            ("{{> footer.html}}", "must be a .text partial"),
            ("{{> nowhere.text}}", "unknown partial \"nowhere.text\""),
            ("{{email.subject}}", "unknown variable \"email.subject\""),
            ("{{shop.name", "tag is not closed"),
        ]
    )
    func rejected(source: String, message: String) throws {
        let problems = try diagnostics(source)
        #expect(problems.contains { $0.contains(message) }, "\(problems)")
    }

    @Test func aBrokenPartialIsReportedOnce() throws {
        let directory = try TemporaryDirectory()
        let catalog = try Fixtures.catalog(
            [
                "en/partials/footer.text.mustache": "{{shop.adress}}",
                "en/welcome/email.text.mustache": "Hi\n{{> footer.text}}",
                "en/welcome/sms.text.mustache": "Hi {{> footer.text}}",
                "en/welcome/push.body.mustache": "{{> footer.text}}",
            ],
            in: directory.url
        )
        #expect(catalog.diagnostics.map(\.message) == ["unknown variable \"shop.adress\""])
    }

    @Test func errorsInsidePartialsPointAtThePartial() throws {
        let problems = try diagnostics("{{> bad.text}}")
        #expect(problems == ["templates/en/partials/bad.text.mustache:2: unknown variable \"shop.nom\""])
    }

    @Test func unescapedVariablesAreRefusedInHTML() throws {
        let problems = try diagnostics("<p>{{{shop.name}}}</p>", part: "email.html")
        #expect(problems.contains { $0.contains("unescaped variable \"shop.name\" in HTML") })
    }

    @Test(
        arguments: [
            "{{#customer.first_name}}Hi {{customer.first_name}}{{/customer.first_name}}{{^customer.first_name}}Hi{{/customer.first_name}}",
            "{{#order.items}}{{name}} {{shop.name}}{{/order.items}}{{#shop.name}}{{.}}{{/shop.name}}",
            "{{#offer}}{{code}} {{offer.percent}}{{/offer}}",
            "{{! a comment {{ofer}} is ignored }}{{shop.name}}",
            "{{> footer.text}}",
        ]
    )
    func accepted(source: String) throws {
        #expect(try diagnostics(source) == [])
    }

    @Test func messagesThatMentionAnOfferNeedOne() throws {
        var context = MessageContext.sample(for: Fixtures.en)
        context.offer = nil
        #expect(throws: TemplateError.missingInput(message: "win-back-offer", input: "offer")) {
            try MessageRenderer(catalog: Fixtures.catalog).render("win-back-offer", channel: .email, context: context)
        }
        context.order = nil
        #expect(throws: TemplateError.missingInput(message: "post-purchase-thanks", input: "order")) {
            try MessageRenderer(catalog: Fixtures.catalog).render(
                "post-purchase-thanks",
                channel: .email,
                context: context
            )
        }
        _ = try MessageRenderer(catalog: Fixtures.catalog).render("welcome", channel: .email, context: context)
    }

    /// The tree the renderer builds has exactly the schema's names, so a template that passes the check
    /// cannot meet an unknown name at render time.
    @Test func renderValuesHaveTheSchemasShape() {
        var slots = RenderSlots(placeholders: false)
        var tree = RenderValues.build(
            .sample(for: Fixtures.en),
            links: TaggedLinks(message: "welcome", channel: .email),
            formats: LocaleFormats(locale: Fixtures.en, formatter: .shared),
            slots: &slots
        )
        tree["email"] = ["subject": "", "preheader": ""]
        #expect(Self.names(of: tree) == Self.names(of: TemplateSchema.root(for: .emailHTML)))
    }

    static func names(of tree: [String: Any], prefix: String = "") -> Set<String> {
        var names: Set<String> = []
        for (key, value) in tree {
            names.insert(prefix + key)
            if let child = value as? [String: Any] {
                names.formUnion(Self.names(of: child, prefix: prefix + key + "."))
            }
            if let list = value as? [[String: Any]], let first = list.first {
                names.formUnion(Self.names(of: first, prefix: prefix + key + "[]."))
            }
        }
        return names
    }

    static func names(of schema: TemplateSchema, prefix: String = "") -> Set<String> {
        var names: Set<String> = []
        for (key, child) in schema.fields {
            names.insert(prefix + key)
            let inner = child.kind == .list ? prefix + key + "[]." : prefix + key + "."
            names.formUnion(Self.names(of: child, prefix: inner))
        }
        return names
    }

    @Test func shippedCatalogPassesTheCheck() {
        let check = CatalogCheck(catalog: Fixtures.catalog)
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(Fixtures.catalog.locales.map(\.description) == ["en", "fr", "zh-Hans", "zh-Hant"])
        #expect(
            check.lines.count == Fixtures.catalog.messages.reduce(0) { $0 + Fixtures.catalog.channels(of: $1).count }
                * 4
        )
    }
}

@Suite struct CatalogCheckTests {
    @Test func longSubjectsWarnAndFallbacksAreShown() throws {
        let directory = try TemporaryDirectory()
        let long = String(repeating: "A very long subject line ", count: 4)
        let catalog = try Fixtures.catalog(
            [
                "en/welcome/push.title.mustache": "Welcome",
                "en/welcome/push.body.mustache": "Hello {{shop.name}}",
                "fr/welcome/push.title.mustache": "Bienvenue",
                "en/welcome/email.subject.mustache": long,
                "en/welcome/email.preheader.mustache": "Hi",
                "en/welcome/email.html.mustache": "<p>{{shop.name}}</p>",
                "en/welcome/email.text.mustache": "{{shop.name}}",
            ],
            in: directory.url
        )
        let check = CatalogCheck(catalog: catalog)
        #expect(!check.hasErrors)
        let warning = try #require(check.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(
            warning.description.hasSuffix(
                "email.subject.mustache:1: warning: subject is 99 characters with sample data; inboxes cut it after about 78"
            )
        )
        #expect(check.lines.contains { $0.contains("fr") && $0.contains("push") && $0.contains("push.body ← en") })
        #expect(check.lines.contains { $0.contains("fr") && $0.contains("email") && $0.contains("email.subject ← en") })
    }

    @Test func journeysMayNameMessagesTheCatalogLacks() {
        let check = CatalogCheck(catalog: Fixtures.catalog, messages: ["welcome", "birthday"])
        #expect(check.hasErrors)
        #expect(
            check.diagnostics.contains { $0.message == "a journey uses message \"birthday\", which has no templates" }
        )
        #expect(check.lines.allSatisfy { $0.contains("welcome") })
    }
}
