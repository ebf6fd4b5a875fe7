{{ config(
    pre_hook="insert into {{ target.schema }}.run_audit values ('pre', '{{ this.name }}')",
    post_hook=["insert into {{ target.schema }}.run_audit values ('post', '{{ this.name }}')"]
) }}
select 1 as id
