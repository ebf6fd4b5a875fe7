{{ config(materialized='table') }}
-- The news and events feeds the connector reads, keyed (feed_type, url) as the app's FeedSource.
select feed_key, title, url, description, feed_type, image_url, image_alt, image_description
from (
    values
        ('medium_news', 'MIT Open Learning - Medium', 'https://medium.com/feed/open-learning',
            'News, ideas, and thought leadership on the future of learning. Discover more at openlearning.mit.edu. - Medium',
            'news', 'https://cdn-images-1.medium.com/proxy/1*TGH72Nnw24QL3iV9IOm4VA.png',
            'MIT Open Learning - Medium', 'MIT Open Learning - Medium'),
        ('mitpe_news', 'MIT Professional Education News', '{{ var("mitpe_base_url") }}news',
            'News and updates from MIT Professional Education.', 'news', null, null, null),
        ('mitpe_events', 'MIT Professional Education Events', '{{ var("mitpe_base_url") }}events',
            'Events from MIT Professional Education.', 'events', null, null, null),
        ('ol_events', 'Open Learning Events', 'https://openlearning.mit.edu/events/',
            'Open Learning hosts a wide range of events for learners, educators, researchers and practitioners around the world.',
            'events', null, null, null),
        ('sloan_exec_news', 'MIT Sloan Executive Education', 'https://exec.mit.edu/s/blog',
            'MIT Sloan Executive Education', 'news', null, null, null),
        ('sloan_webinars', 'MIT Sloan Executive Education Webinars', 'https://exec.mit.edu/s/webinars',
            'MIT Sloan Executive Education Webinars', 'events', null, null, null)
) as s (feed_key, title, url, description, feed_type, image_url, image_alt, image_description)
