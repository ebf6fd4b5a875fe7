{#- dbt's cross-database macros, dispatched per adapter -#}
select
    {{ dbt.date_trunc('month', "cast('2024-03-17 10:30:00' as timestamp)") }} as month_start,
    {{ dbt.dateadd('day', 3, "cast('2024-03-17' as date)") }} as plus_three,
    {{ dbt.datediff("cast('2024-03-01' as date)", "cast('2024-03-17' as date)", 'day') }} as days_between,
    {{ dbt.hash("'abc'") }} as abc_md5,
    {{ dbt.concat(["'a'", "'b'", "'c'"]) }} as abc,
    {{ dbt.safe_cast("'42'", dbt.type_int()) }} as forty_two,
    {{ dbt.split_part("'x,y,z'", "','", 2) }} as second_part,
    cast('t' as {{ dbt.type_string() }}) as a_string,
    {{ dbt.current_timestamp() }} is not null as has_now,
    {{ dbt.string_literal('lit') }} as lit
