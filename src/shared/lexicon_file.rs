// Read by the crate (`src/segment.rs`) and by `build.rs`, through `include!`: the dictionary
// table built at compile time gives each lexicon phrase the frequency jieba would give it
// when the phrases are added in this order, so both must read the file the same way.

/// The phrases of the stock-phrase lexicon with their categories (`(phrase, category)`), in
/// the order they are added to the segmenter: categories by name, phrases in file order.
/// A file that does not parse yields no phrases (it is compiled in and checked by a test).
fn lexicon_entries(text: &str) -> Vec<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Category {
        phrases: Vec<String>,
    }
    let Ok(table) = toml::from_str::<std::collections::BTreeMap<String, toml::Value>>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (category, value) in table {
        let Ok(category_table) = value.try_into::<Category>() else {
            continue;
        };
        for phrase in category_table.phrases {
            out.push((phrase, category.clone()));
        }
    }
    out
}
