//! Query parameters, as ASP.NET's model binder reads them.

use crate::text::decode::url_decode;

/// Query parameters, decoded, in order. ASP.NET matches their names case-insensitively.
#[derive(Debug, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (url_decode(k), url_decode(v)),
                None => (url_decode(p), String::new()),
            })
            .collect();
        Query(pairs)
    }

    /// The first value, or `None` when absent. An empty value counts as absent, as ASP.NET's
    /// binder turns it into null.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.all(name).into_iter().next().filter(|v| !v.is_empty())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// `CommaDelimitedCollectionModelBinder`: one value is split on commas, repeated keys are
    /// taken as they are; entries are trimmed and empty ones dropped.
    pub fn list(&self, name: &str) -> Vec<String> {
        let values = self.all(name);
        let split: Vec<&str> = if values.len() == 1 { values[0].split(',').collect() } else { values };
        split.into_iter().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_lists_and_case() {
        let q = Query::parse(Some("ItemIds=a,%20b,,c&playCommand=PlayNow&x=&y"));
        assert_eq!(q.list("itemIds"), vec!["a", "b", "c"]);
        assert_eq!(q.get("PLAYCOMMAND"), Some("PlayNow"));
        assert_eq!(q.get("x"), None);
        assert_eq!(q.get("y"), None);
        let repeated = Query::parse(Some("itemIds=a,b&itemIds=c"));
        assert_eq!(repeated.list("itemids"), vec!["a,b", "c"]);
        assert_eq!(Query::parse(Some("t=a+b%2Bc")).get("t"), Some("a b+c"));
    }
}
