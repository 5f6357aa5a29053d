//! Tags, once for every taggable resource type: the tags of an account's
//! resources in a region live in one [`TagStore`] keyed by (kind, key), so
//! CreateTags, DeleteTags, DescribeTags and every describe's
//! `TagKeys`/`TagValues` filters work for every kind the fake has.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::listing::{PageLimits, Paging};
use super::name::Name;
use super::resources::{arn, ResourceKind, DESCRIBE_TAG_TYPES};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateTagsMessage, DeleteTagsMessage, DescribeTagsMessage, Tag, TaggedResource,
    TaggedResourceListMessage,
};

/// One tag: key and value.
pub type Pair = (Name, Name);

/// The tags of one account's resources in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagStore(BTreeMap<ResourceKind, BTreeMap<Name, Vec<Pair>>>);

impl TagStore {
    /// A resource's tags, in the order they were first set.
    pub fn of(&self, kind: ResourceKind, key: &str) -> &[Pair] {
        self.0
            .get(&kind)
            .and_then(|m| m.get(key))
            .map_or(&[], Vec::as_slice)
    }

    /// A resource's tags as the model's `Tag`s.
    pub fn render(&self, kind: ResourceKind, key: &str) -> Vec<Tag> {
        self.of(kind, key).iter().map(render_tag).collect()
    }

    /// Tags with each key once: a later value replaces an earlier one in place.
    fn merged(given: Vec<Pair>) -> Vec<Pair> {
        let mut tags: Vec<Pair> = Vec::with_capacity(given.len());
        for (k, v) in given {
            match tags.iter_mut().find(|(existing, _)| *existing == k) {
                Some(tag) => tag.1 = v,
                None => tags.push((k, v)),
            }
        }
        tags
    }

    /// Replaces a resource's tags (a key given twice keeps its last value).
    pub fn set(&mut self, kind: ResourceKind, key: &Name, given: Vec<Pair>) {
        let tags = TagStore::merged(given);
        if tags.is_empty() {
            self.forget(kind, key);
        } else {
            self.0.entry(kind).or_default().insert(key.clone(), tags);
        }
    }

    /// Drops a resource's tags (it is gone).
    pub fn forget(&mut self, kind: ResourceKind, key: &str) {
        if let Some(m) = self.0.get_mut(&kind) {
            m.remove(key);
            if m.is_empty() {
                self.0.remove(&kind);
            }
        }
    }

    /// Moves a resource's tags to its new key (it was renamed).
    pub fn rename(&mut self, kind: ResourceKind, from: &str, to: &Name) {
        if let Some(tags) = self.0.get_mut(&kind).and_then(|m| m.remove(from)) {
            self.set(kind, to, tags);
        }
    }

    /// Every tagged resource: its kind, key and tags.
    pub fn entries(&self) -> impl Iterator<Item = (ResourceKind, &Name, &[Pair])> {
        self.0.iter().flat_map(|(kind, m)| {
            m.iter()
                .map(move |(key, tags)| (*kind, key, tags.as_slice()))
        })
    }

    /// Every tag of every resource by kind, resource key and tag key, from
    /// just after `after`: a range walk, so skipping costs O(log n).
    fn after<'a>(
        &'a self,
        after: Option<&'a (ResourceKind, Name, Name)>,
    ) -> impl Iterator<Item = (ResourceKind, &'a Name, &'a Pair)> + 'a {
        let first_kind = after.map_or(Bound::Unbounded, |(k, _, _)| Bound::Included(*k));
        self.0
            .range((first_kind, Bound::Unbounded))
            .flat_map(move |(kind, m)| {
                let resumed = after.filter(|(k, _, _)| k == kind);
                let first_key = resumed.map_or(Bound::Unbounded, |(_, n, _)| Bound::Included(n));
                m.range::<Name, _>((first_key, Bound::Unbounded))
                    .flat_map(move |(key, tags)| {
                        // A resource's few tags are listed by key.
                        let mut by_key: Vec<&Pair> = tags.iter().collect();
                        by_key.sort_by(|a, b| a.0.cmp(&b.0));
                        let skip = match resumed {
                            Some((_, n, tag)) if n == key => {
                                by_key.partition_point(|(k, _)| k <= tag)
                            }
                            _ => 0,
                        };
                        by_key.into_iter().skip(skip).map(move |t| (*kind, key, t))
                    })
            })
    }
}

/// The model's `Tag` of a pair.
pub fn render_tag((key, value): &Pair) -> Tag {
    Tag {
        key: Some(key.clone()),
        value: Some(value.clone()),
    }
}

/// Tags a request gives, checked against AWS's limits: at most 50 per
/// resource, keys of 1 to 128 characters outside the reserved `aws:` space,
/// values of at most 256 characters (doc).
pub fn tags_of(tags: Option<Vec<Tag>>) -> Outcome<Vec<Pair>> {
    let pairs: Vec<Pair> = tags
        .unwrap_or_default()
        .into_iter()
        .map(|t| (t.key.unwrap_or_default(), t.value.unwrap_or_default()))
        .collect();
    check_tags(&pairs)?;
    Ok(pairs)
}

/// Tags a resource may carry (doc: AWS's tag requirements): at most 50; keys
/// of 1 to 128 characters outside the reserved `aws:` space, values of at
/// most 256; both of Unicode letters, digits, white space and `_ . : / = + - @`.
pub fn check_tags(tags: &[Pair]) -> Outcome<()> {
    if tags.len() > 50 {
        return Err(RedshiftError::TagLimitExceeded);
    }
    for (key, value) in tags {
        let key_length = key.chars().count();
        if key_length == 0 || key_length > 128 || key.to_ascii_lowercase().starts_with("aws:") {
            return Err(RedshiftError::InvalidTagKey(key.to_string()));
        }
        if value.chars().count() > 256 {
            return Err(RedshiftError::TagValueTooLong(key.to_string()));
        }
        for (member, text) in [("key", key), ("value", value)] {
            if let Some(character) = text.chars().find(|&c| !is_tag_char(c)) {
                return Err(RedshiftError::InvalidTagCharacter { member, character });
            }
        }
    }
    Ok(())
}

/// A character of AWS's tag pattern, `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (also
/// the pattern of a logging `S3KeyPrefix`).
pub fn is_tag_char(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory::*};
    matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
        || matches!(
            get_general_category(c),
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | SpaceSeparator
                | LineSeparator
                | ParagraphSeparator
                | DecimalNumber
                | LetterNumber
                | OtherNumber
        )
}

/// The `TagKeys`/`TagValues` filters of a describe call (doc): with both
/// given, a resource matches when one of its tags has a key among `keys` and
/// a value among `values`; with one given, a tag matching that list suffices.
#[derive(Debug, Clone, Copy, Default)]
pub struct TagFilter<'a> {
    keys: Option<&'a [Name]>,
    values: Option<&'a [Name]>,
}

impl<'a> TagFilter<'a> {
    pub fn new(keys: Option<&'a [Name]>, values: Option<&'a [Name]>) -> Self {
        TagFilter { keys, values }
    }

    /// Whether the call filters by tags at all.
    pub fn is_active(&self) -> bool {
        self.keys.is_some() || self.values.is_some()
    }

    fn matches_tag(&self, (key, value): &Pair) -> bool {
        self.keys.is_none_or(|ks| ks.contains(key))
            && self.values.is_none_or(|vs| vs.contains(value))
    }

    /// Whether a resource with these tags passes the filters.
    pub fn matches(&self, tags: &[Pair]) -> bool {
        !self.is_active() || tags.iter().any(|t| self.matches_tag(t))
    }
}

/// `MaxRecords` of DescribeTags: 10..=50 (doc); the default is ours.
const TAG_PAGE: PageLimits = PageLimits {
    min: 10,
    max: 50,
    default: 50,
};

impl World {
    /// The caller's own resource an ARN names, ready to be tagged.
    fn tag_target(&self, ctx: &Context, text: &str) -> Outcome<(ResourceKind, Name)> {
        let not_found = || RedshiftError::TaggedResourceNotFound(text.to_owned());
        let (kind, key, taggable) = self.own_by_arn(ctx, text).ok_or_else(not_found)?;
        taggable?;
        Ok((kind, key))
    }

    /// CreateTags: adds tags, replacing the value of a key already there.
    pub fn create_tags(&mut self, ctx: &Context, input: CreateTagsMessage) -> Outcome<()> {
        let new = tags_of(Some(input.tags))?;
        let (kind, key) = self.tag_target(ctx, &input.resource_name)?;
        let store = &mut self.place_entry(ctx).tags;
        let mut merged = store.of(kind, &key).to_vec();
        merged.extend(new);
        merged = TagStore::merged(merged);
        check_tags(&merged)?;
        store.set(kind, &key, merged);
        Ok(())
    }

    /// DeleteTags: removes the tags of those keys; absent keys are no error.
    pub fn delete_tags(&mut self, ctx: &Context, input: DeleteTagsMessage) -> Outcome<()> {
        let (kind, key) = self.tag_target(ctx, &input.resource_name)?;
        let store = &mut self.place_entry(ctx).tags;
        let kept = store
            .of(kind, &key)
            .iter()
            .filter(|(k, _)| !input.tag_keys.contains(k))
            .cloned()
            .collect();
        store.set(kind, &key, kept);
        Ok(())
    }

    /// DescribeTags: one item per tag of the caller's resources, ordered by
    /// kind, resource and tag key, so a marker keeps its place.
    pub fn describe_tags(
        &self,
        ctx: &Context,
        input: DescribeTagsMessage,
    ) -> Outcome<TaggedResourceListMessage> {
        let named = input.resource_name.as_deref();
        if named.is_some() && input.resource_type.is_some() {
            return Err(RedshiftError::TagsNameAndType);
        }
        if named.is_some() && (input.max_records.is_some() || input.marker.is_some()) {
            return Err(RedshiftError::TagsNameAndPaging);
        }
        let paging: Paging<(ResourceKind, Name, Name)> =
            Paging::new(TAG_PAGE, input.max_records, input.marker.as_deref())?;
        let wanted: Option<Option<ResourceKind>> = match input.resource_type.as_deref() {
            None => None,
            Some(t) => Some(
                DESCRIBE_TAG_TYPES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(t))
                    .ok_or_else(|| RedshiftError::InvalidResourceType(t.to_owned()))?
                    .1,
            ),
        };
        let only = named
            .map(|arn| {
                self.own_by_arn(ctx, arn)
                    .map(|(kind, key, _)| (kind, key))
                    .ok_or_else(|| RedshiftError::TaggedResourceNotFound(arn.to_owned()))
            })
            .transpose()?;
        let filter = TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref());
        let empty = TagStore::default();
        let store = self.place(ctx).map_or(&empty, |p| &p.tags);
        let walk = store
            .after(paging.after.as_ref())
            .filter(|(kind, key, tag)| {
                only.as_ref().is_none_or(|(k, n)| k == kind && n == *key)
                    && wanted.is_none_or(|w| w == Some(*kind))
                    && filter.matches(std::slice::from_ref(*tag))
            })
            .map(|(kind, key, tag)| ((kind, key.clone(), tag.0.clone()), (kind, key, tag)));
        let (page, marker) = paging.page(walk);
        let tagged_resources = page
            .into_iter()
            .map(|(kind, key, tag)| TaggedResource {
                tag: Some(render_tag(tag)),
                resource_name: Some(Name::from(arn(
                    ctx.region,
                    ctx.account,
                    kind,
                    &self.arn_path_of(ctx, kind, key).unwrap_or_default(),
                ))),
                resource_type: Some(Name::from(kind.arn_type())),
            })
            .collect();
        Ok(TaggedResourceListMessage {
            tagged_resources: Some(tagged_resources),
            marker,
        })
    }
}

#[cfg(test)]
mod tests;
