//! Two-file exports: 淘宝/天猫's classic export is an order file (订单报表, one row per
//! order: payment time, status, paid amount, no SKU) and an item file (宝贝报表, one row
//! per item: 商家编码, 购买数量, 价格, no times), joined on 订单编号.
//!
//! The order files are read first into an [`OrderLookup`] holding, per order, only the
//! columns the item files lack (payment time, ship time if exported, …). Item rows then
//! read those columns through [`Joined`]. Memory grows with the number of orders in
//! the order files (about 100 bytes each), bounded by [`MAX_JOIN_ORDERS`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::columns::{HeaderMap, ORDER_COLUMNS};
use super::orders::{Plain, Row, col};
use super::{CsvInput, Fields, IngestError, cell};

/// Most orders an order file may bring to a join (a 千牛 export holds far fewer).
pub const MAX_JOIN_ORDERS: usize = 5_000_000;

/// The order-level columns of the order files, by order number.
#[derive(Debug, Default)]
pub struct OrderLookup {
    /// Canonical columns taken from the order files, in this order.
    pub columns: Vec<usize>,
    orders: HashMap<Box<str>, Box<[Box<str>]>>,
}

impl OrderLookup {
    /// An empty lookup that will keep `columns` of each order.
    pub fn new(columns: Vec<usize>) -> Self {
        OrderLookup {
            columns,
            orders: HashMap::new(),
        }
    }

    /// Reads one order file into the lookup (a later row of an order wins).
    pub fn read(&mut self, input: CsvInput) -> Result<(), IngestError> {
        let shown = input.shown.clone();
        let map = input.map.clone();
        let columns = self.columns.clone();
        let mut too_many = false;
        let orders = &mut self.orders;
        input.stream(|_, rec| {
            let id = cell(rec, &map, col::ORDER_ID);
            if id.is_empty() || too_many {
                return;
            }
            if orders.len() >= MAX_JOIN_ORDERS && !orders.contains_key(id.as_ref()) {
                too_many = true;
                return;
            }
            let values: Box<[Box<str>]> = columns
                .iter()
                .map(|&c| Box::from(cell(rec, &map, c).as_ref()))
                .collect();
            orders.insert(Box::from(id.as_ref()), values);
        })?;
        if too_many {
            return Err(IngestError::TooManyOrders {
                file: shown,
                limit: MAX_JOIN_ORDERS,
            });
        }
        Ok(())
    }

    /// Number of orders read.
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    /// True when no order was read.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    /// The order-level values of `order_id`.
    pub fn get(&self, order_id: &str) -> Option<&[Box<str>]> {
        self.orders.get(order_id).map(|v| &v[..])
    }
}

/// The columns an order file should lend to item files: those it has and they lack.
pub fn lent_columns(order_map: &HeaderMap, item_maps: &[&HeaderMap]) -> Vec<usize> {
    (0..ORDER_COLUMNS.len())
        .filter(|&c| c != col::ORDER_ID && order_map.has(c))
        .filter(|&c| item_maps.iter().any(|m| !m.has(c)))
        .collect()
}

/// An item row joined with its order's values.
pub struct Joined<'a, R: Fields + ?Sized = csv::ByteRecord> {
    /// The item row.
    pub item: Plain<'a, R>,
    /// The lookup's columns.
    pub columns: &'a [usize],
    /// The order's values (`None` when the order is not in the order file).
    pub order: Option<&'a [Box<str>]>,
}

impl<R: Fields + ?Sized> Row for Joined<'_, R> {
    fn text(&self, c: usize) -> Cow<'_, str> {
        let own = self.item.text(c);
        if !own.is_empty() {
            return own;
        }
        match (self.columns.iter().position(|&x| x == c), self.order) {
            (Some(i), Some(values)) => Cow::Borrowed(&values[i]),
            _ => own,
        }
    }

    fn has(&self, c: usize) -> bool {
        self.item.has(c) || self.columns.contains(&c)
    }

    fn lent(&self, c: usize) -> bool {
        self.order.is_some() && self.item.text(c).is_empty() && self.columns.contains(&c)
    }
}
