-- Schools (LearningResourceSchool), from the app's seed.
select cast(id as bigint) as id, cast(name as varchar) as name, cast(url as varchar) as url
from {{ ref('schools') }}
