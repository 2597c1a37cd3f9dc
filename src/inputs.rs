//! The `inputs.orders` setting: one path (a file, a folder or a glob), or a list of
//! them, each optionally with the `platform` of its rows and the `preset` to read it
//! with.
//!
//! ```yaml
//! inputs:
//!   orders: data/orders.csv            # one path, as before
//! ---
//! inputs:
//!   orders:
//!     - data/douyin/                    # every .csv in the folder, preset detected
//!     - path: data/pdd-*.csv
//!       platform: 拼多多                 # a key, a name or an alias
//!     - path: data/tmall/
//!       preset: taobao
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One entry of `inputs.orders`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// A file, a folder (every `.csv` in it, sorted) or a glob such as `data/orders-*.csv`.
    pub path: String,
    /// Platform of the rows of these files (a key such as `douyin`, or a name or alias
    /// such as `抖音`); a platform column in the file still wins where it has a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Export preset: `auto` (detected from the header row, the default), `douyin`,
    /// `pinduoduo`, `taobao`, `taobao-items`, `taobao-suborders`, `jd`, or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
}

/// `inputs.orders`: one path, or a list of paths and entries.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum OrderInputs {
    /// One path.
    One(String),
    /// Several paths or entries.
    Many(Vec<OrderInputItem>),
}

/// One list item: a bare path or an entry.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum OrderInputItem {
    /// A bare path.
    Path(String),
    /// A path with its platform and preset.
    Entry(OrderInput),
}

impl Default for OrderInputs {
    fn default() -> Self {
        OrderInputs::One("data/orders.csv".into())
    }
}

impl OrderInputs {
    /// Every entry, bare paths as entries without platform or preset.
    pub fn entries(&self) -> Vec<OrderInput> {
        let bare = |p: &String| OrderInput {
            path: p.clone(),
            ..OrderInput::default()
        };
        match self {
            OrderInputs::One(p) => vec![bare(p)],
            OrderInputs::Many(items) => items
                .iter()
                .map(|i| match i {
                    OrderInputItem::Path(p) => bare(p),
                    OrderInputItem::Entry(e) => e.clone(),
                })
                .collect(),
        }
    }

    /// True when this is the default single path.
    pub fn is_default(&self) -> bool {
        *self == OrderInputs::default()
    }
}

impl Serialize for OrderInputs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OrderInputs::One(p) => s.serialize_str(p),
            OrderInputs::Many(items) => items.serialize(s),
        }
    }
}

impl Serialize for OrderInputItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OrderInputItem::Path(p) => s.serialize_str(p),
            OrderInputItem::Entry(e) => e.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for OrderInputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderInputs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path, or a list of paths and `{ path, platform, preset }` entries")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OrderInputs::One(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<OrderInputItem>()? {
                    items.push(item);
                }
                Ok(OrderInputs::Many(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let entry = OrderInput::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(OrderInputs::Many(vec![OrderInputItem::Entry(entry)]))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for OrderInputItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderInputItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path, or a `{ path, platform, preset }` entry")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OrderInputItem::Path(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let entry = OrderInput::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(OrderInputItem::Entry(entry))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The old single path still works; a list mixes paths and entries.
    #[test]
    fn reads_a_path_or_a_list() {
        let one: OrderInputs = serde_saphyr::from_str("data/orders.csv").unwrap();
        assert_eq!(one.entries()[0].path, "data/orders.csv");
        let many: OrderInputs =
            serde_saphyr::from_str("- a.csv\n- path: b/\n  platform: 抖音\n  preset: douyin\n")
                .unwrap();
        let e = many.entries();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].platform.as_deref(), Some("抖音"));
        let bad = serde_saphyr::from_str::<OrderInputs>("- paht: b/\n");
        assert!(bad.unwrap_err().to_string().contains("paht"));
    }
}
