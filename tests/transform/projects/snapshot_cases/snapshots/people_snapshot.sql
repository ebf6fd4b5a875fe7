{% snapshot people_snapshot %}
    {{ config(
        target_schema=target.schema,
        unique_key="cast(id as varchar) || '-' || first_name",
        strategy='timestamp',
        updated_at='updated_at'
    ) }}
    select * from {{ ref('people') }}
{% endsnapshot %}
