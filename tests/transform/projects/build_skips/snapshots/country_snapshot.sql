{% snapshot country_snapshot %}
    {{ config(target_schema=target.schema, unique_key='code', strategy='check', check_cols='all') }}
    select * from {{ ref('stg_countries') }}
{% endsnapshot %}
