//! JSON bodies read as serde_json reads them, except that an object naming a key twice is an
//! error: serde_json keeps the last one silently, so `{"domain_name": "a.com", "domain_name":
//! "b.com"}` would register b.com while a client (or a log) reads a.com.

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

pub enum Error {
    /// The first key found twice, at any depth.
    Duplicate(String),
    Syntax(serde_json::Error),
}

pub fn parse(text: &str) -> Result<Value, Error> {
    let mut duplicate = None;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Strict(&mut duplicate)
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    match (parsed, duplicate) {
        (_, Some(key)) => Err(Error::Duplicate(key)),
        (Ok(value), None) => Ok(value),
        (Err(error), None) => Err(Error::Syntax(error)),
    }
}

/// Builds a [`Value`], noting the first duplicate key (and failing there).
struct Strict<'a>(&'a mut Option<String>);

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict(&mut *self.0))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                *self.0 = Some(key);
                return Err(A::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(Strict(&mut *self.0))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": [1, -2, 2.5, "x", null, true, {"b": {}}]}"#,
            "[]",
            "5",
            r#""s""#,
        ] {
            assert_eq!(parse(text).ok(), serde_json::from_str::<Value>(text).ok(), "{text}");
        }
        assert!(matches!(parse(r#"{"a": 1"#), Err(Error::Syntax(_))));
        assert!(matches!(parse(r#"{"a": 1} x"#), Err(Error::Syntax(_))));
        assert_eq!(parse(r#"{"a": {"a": 1}}"#).ok(), Some(json!({"a": {"a": 1}})));
    }

    #[test]
    fn a_key_given_twice_is_named() {
        let key = |text: &str| match parse(text) {
            Err(Error::Duplicate(key)) => key,
            _ => panic!("no duplicate found in {text}"),
        };
        assert_eq!(
            key(r#"{"domain_name": "a.com", "domain_name": "b.com"}"#),
            "domain_name"
        );
        assert_eq!(key(r#"{"n": [{"x": 1, "x": 2}]}"#), "x");
        // The same key spelt with an escape is the same key.
        assert_eq!(key(r#"{"years": 1, "y\u0065ars": 2}"#), "years");
    }
}
