-- Every source's parent → child links.
{{ learn_union(learn_relationship_sources(), 'learning_resource_relationships') }}
