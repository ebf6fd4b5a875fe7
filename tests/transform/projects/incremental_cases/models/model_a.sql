{{ config(materialized='table') }}

select 1 as id, 'aaa' as field1, 'bbb' as field2, 111 as field3, 'TTT' as field4
union all select 2, 'abc', 'def', 222, 'UUU'
union all select 3, 'bbb', 'ccc', 333, 'VVV'
union all select 4, 'ccc', 'ddd', 444, 'WWW'
union all select 5, 'ddd', 'eee', 555, 'XXX'
union all select 6, 'eee', 'fff', 666, 'YYY'
