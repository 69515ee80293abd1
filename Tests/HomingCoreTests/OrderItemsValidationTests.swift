import HomingCore
import Testing

@Suite struct OrderItemsValidationTests {
    private let eur = Currency("EUR")!

    @Test(arguments: [
        #"[{"name":"Mug","quantity":2,"price":"12.50"}]"#,
        #" [ { "name" : "Tasse \"Matin\" \u00e9" , "quantity" : 1 , "price" : 8.9 } , {"price":"1","name":"王","quantity":10,"sku":{"a":[1,true,null]}} ] "#,
    ])
    func acceptsItemLists(text: String) {
        #expect(OrderItemsValidation.problem(text, currency: eur) == nil)
    }

    @Test(arguments: [
        (#"Mug x2"#, "is not a JSON list of items: expected \"[\" at character 1"),
        (#"[]"#, "is an empty list; leave the field empty instead"),
        (#"[{"name":"Mug","quantity":2}]"#, "item 1 has no \"price\""),
        (#"[{"name":"Mug","quantity":2,"price":"1"},{"name":"Tea","price":"1"}]"#, "item 2 has no \"quantity\""),
        (#"[{"name":"","quantity":1,"price":"1"}]"#, "item 1: name is empty"),
        (#"[{"name":"Mug","quantity":0,"price":"1"}]"#, "item 1: quantity must be a whole number of at least 1"),
        (#"[{"name":"Mug","quantity":-2,"price":"1"}]"#, "item 1: quantity must be a whole number of at least 1"),
        (
            #"[{"name":"Mug","quantity":1,"price":"12.505"}]"#,
            "item 1: price \"12.505\" has more than 2 decimals, the most EUR allows"
        ),
        (#"[{"name":"Mug","quantity":1,"price":"1"}"#, "is not a JSON list of items: unexpected end at character 41"),
        (
            #"[{"name":"Mug","quantity":1,"price":"1"}] x"#,
            "is not a JSON list of items: unexpected text after the list at character 43"
        ),
        (
            #"[{"name":"Mug\q","quantity":1,"price":"1"}]"#,
            "is not a JSON list of items: bad escape in a string at character 15"
        ),
    ])
    func explainsWhatIsWrong(text: String, message: String) {
        #expect(OrderItemsValidation.problem(text, currency: eur) == message)
    }

    @Test func pricesFollowTheOrderCurrency() {
        let jpy = Currency("JPY")!
        #expect(OrderItemsValidation.problem(#"[{"name":"茶","quantity":1,"price":"1500"}]"#, currency: jpy) == nil)
        #expect(OrderItemsValidation.problem(#"[{"name":"茶","quantity":1,"price":"15.5"}]"#, currency: jpy) != nil)
    }
}
