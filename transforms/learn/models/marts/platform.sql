-- Platforms (LearningResourcePlatform), from the app's seed.
select
    cast(code as varchar) as code,
    cast(name as varchar) as name,
    cast(url as varchar) as url,
    cast(is_edx as boolean) as is_edx,
    cast(has_content_files as boolean) as has_content_files
from {{ ref('platforms') }}
