{% snapshot check_all %}
    {{ config(target_schema=target.schema, unique_key='id', strategy='check', check_cols='all') }}
    select * from {{ ref('check_source') }}
{% endsnapshot %}

{% snapshot check_name %}
    {{ config(target_schema=target.schema, unique_key='id', strategy='check', check_cols=['name']) }}
    select * from {{ ref('check_source') }}
{% endsnapshot %}

{% snapshot check_date %}
    {{ config(target_schema=target.schema, unique_key='id', strategy='check', check_cols=['some_date']) }}
    select * from {{ ref('check_source') }}
{% endsnapshot %}

{% snapshot check_timestamp %}
    {{ config(target_schema=target.schema, unique_key='id', strategy='timestamp', updated_at='some_date') }}
    select * from {{ ref('check_source') }}
{% endsnapshot %}
