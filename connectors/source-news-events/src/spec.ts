import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface NewsEventsConfig extends HttpTuningConfig {
  medium_feed_url: string;
  mitpe_base_url: string;
  mitpe_max_pages: number;
  ol_events_base_url: string;
  ol_events_follow_next: boolean;
  ol_events_relationships: string[];
  sloan_base_url: string;
  user_agent: string;
}

const url = (title: string, def: string, order: number, description?: string) => ({
  type: 'string',
  title,
  default: def,
  pattern: '^https?://',
  ...(description ? { description } : {}),
  order,
});

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-news-events',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'News and events',
    type: 'object',
    required: [],
    properties: {
      medium_feed_url: url(
        'Medium feed URL',
        'https://medium.com/feed/open-learning',
        0,
        'The MIT Open Learning Medium RSS feed.',
      ),
      mitpe_base_url: url(
        'MIT Professional Education site',
        'https://professional.mit.edu',
        1,
        '`/feeds/news/` and `/feeds/events/` are paged under it.',
      ),
      mitpe_max_pages: {
        type: 'integer',
        title: 'MIT PE page limit',
        description: 'A safety stop for the page-until-empty feeds.',
        default: 100,
        minimum: 1,
        order: 2,
      },
      ol_events_base_url: url(
        'Open Learning site',
        'https://openlearning.mit.edu',
        3,
        'The Drupal JSON:API is under `/jsonapi/`.',
      ),
      ol_events_follow_next: {
        type: 'boolean',
        title: 'Follow JSON:API next links',
        description: 'Read every page of `node/event` (MIT Learn reads the first page only).',
        default: true,
        order: 4,
      },
      ol_events_relationships: {
        type: 'array',
        title: 'Event relationships to resolve',
        items: { type: 'string' },
        default: ['field_event_audience', 'field_location_tag', 'field_event_category', 'field_event_image'],
        order: 5,
      },
      sloan_base_url: url(
        'MIT Sloan Executive Education site',
        'https://exec.mit.edu',
        6,
        'The Salesforce Aura site with `/s/blog` and `/s/webinars`.',
      ),
      user_agent: {
        type: 'string',
        title: 'User-Agent',
        default:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
        order: 7,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
