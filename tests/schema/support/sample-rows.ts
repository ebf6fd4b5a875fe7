import type { EntityName, EntityRecords, TableName } from '../../../shared-schema/generated/types';

type Rows = { [E in TableName]?: EntityRecords[E][] };

/**
 * A small, consistent catalog touching every app table: a MITx Online course with two runs and a program
 * over it, an OCW course with content files, a YouTube playlist with a video, a podcast with an episode,
 * a news feed and an events feed.
 */
export function sampleRows(): Rows {
  return {
    platform: [
      {
        code: 'mitxonline',
        name: 'MITx Online',
        url: 'https://mitxonline.mit.edu',
        is_edx: true,
        has_content_files: true,
      },
      { code: 'ocw', name: 'MIT OpenCourseWare', url: 'https://ocw.mit.edu/' },
      { code: 'youtube', name: 'YouTube', url: null },
      { code: 'podcast', name: 'Podcast' },
    ],
    offeror: [
      { code: 'mitx', name: 'MITx', offerings: ['Courses', 'Programs'], fee: ['Free', 'Paid'] },
      { code: 'ocw', name: 'MIT OpenCourseWare', professional: false },
    ],
    school: [{ id: 2, name: 'School of Engineering', url: 'https://engineering.mit.edu/' }],
    department: [
      { department_id: '6', name: 'Electrical Engineering and Computer Science', school_id: 2 },
      { department_id: '18', name: 'Mathematics', school_id: null },
    ],
    topic: [
      {
        id: 1,
        topic_uuid: '4cd2156e-2b8d-4f3e-9a40-1c5dbf9f0c7a',
        name: 'Engineering',
        parent_id: null,
        icon: 'RiRobot2Line',
      },
      { id: 2, name: 'Computer Science', parent_id: 1 },
      { id: 3, name: 'Mathematics', parent_id: null },
    ],
    topic_mapping: [{ id: 1, topic_id: 2, offeror_id: 'mitx', topic_name: 'Computer Science' }],
    instructor: [
      { id: 1, full_name: 'Ana Bell', first_name: 'Ana', last_name: 'Bell' },
      { id: 2, full_name: 'Eric Grimson' },
    ],
    image: [{ id: 1, url: 'https://example.org/6.0001.jpg', alt: 'A laptop', description: null }],
    price: [
      { id: 1, amount: 0, currency: 'USD' },
      { id: 2, amount: 75.5, currency: 'USD' },
    ],
    content_tag: [{ id: 1, name: 'Lecture Notes' }],
    learning_resource: [
      {
        id: 1,
        readable_id: 'course-v1:MITxT+6.00.1x',
        title: 'Introduction to Computer Science and Programming Using Python',
        resource_type: 'course',
        platform_id: 'mitxonline',
        offered_by_id: 'mitx',
        image_id: 1,
        etl_source: 'mitxonline',
        published: true,
        certification: true,
        certification_type: 'completion',
        delivery: ['online'],
        pace: ['self_paced'],
        format: ['asynchronous'],
        languages: ['en'],
        last_modified: '2026-08-01T12:00:00Z',
        prices: [0, 75.5],
        url: 'https://mitxonline.mit.edu/courses/course-v1:MITxT+6.00.1x/',
      },
      {
        id: 2,
        readable_id: 'program-v1:MITx+CS',
        title: 'Computer Science Fundamentals',
        resource_type: 'program',
        platform_id: 'mitxonline',
        offered_by_id: 'mitx',
        etl_source: 'mitxonline',
        published: true,
      },
      {
        id: 3,
        readable_id: '18.06',
        title: 'Linear Algebra',
        resource_type: 'course',
        platform_id: 'ocw',
        offered_by_id: 'ocw',
        etl_source: 'ocw',
        published: true,
        license_cc: true,
        ocw_topics: ['Mathematics', 'Linear Algebra'],
      },
      {
        id: 4,
        readable_id: 'PL123',
        title: 'MIT 18.06 lectures',
        resource_type: 'video_playlist',
        platform_id: 'youtube',
        etl_source: 'youtube',
        published: true,
      },
      {
        id: 5,
        readable_id: 'dQw4w9WgXcQ',
        title: 'Lecture 1: The Geometry of Linear Equations',
        resource_type: 'video',
        platform_id: 'youtube',
        etl_source: 'youtube',
        published: true,
      },
      {
        id: 6,
        readable_id: 'chalk-radio',
        title: 'Chalk Radio',
        resource_type: 'podcast',
        platform_id: 'podcast',
        etl_source: 'podcast',
        published: true,
      },
      {
        id: 7,
        readable_id: 'chalk-radio-ep1',
        title: 'Episode 1',
        resource_type: 'podcast_episode',
        platform_id: 'podcast',
        etl_source: 'podcast',
        published: false,
      },
    ],
    learning_resource_run: [
      {
        id: 10,
        learning_resource_id: 1,
        run_id: 'course-v1:MITxT+6.00.1x+2T2026',
        published: true,
        start_date: '2026-06-01T15:00:00Z',
        end_date: '2026-09-01T15:00:00Z',
        level: ['introductory'],
        status: 'Current',
        prices: [0, 75.5],
        year: 2026,
        semester: 'Summer',
      },
      {
        id: 11,
        learning_resource_id: 1,
        run_id: 'course-v1:MITxT+6.00.1x+1T2026',
        published: false,
        start_date: '2026-01-10T15:00:00Z',
        end_date: null,
      },
      {
        id: 12,
        learning_resource_id: 3,
        run_id: '18.06-spring-2010',
        published: true,
        slug: 'courses/18-06-linear-algebra-spring-2010',
        semester: 'Spring',
        year: 2010,
      },
    ],
    course: [
      {
        learning_resource_id: 1,
        course_numbers: [
          {
            value: '6.00.1x',
            listing_type: 'primary',
            department: { department_id: '6', name: 'Electrical Engineering and Computer Science' },
            sort_coursenum: '06.00.1x',
            primary: true,
          },
        ],
      },
      {
        learning_resource_id: 3,
        course_numbers: [
          {
            value: '18.06',
            listing_type: 'primary',
            department: null,
            sort_coursenum: '18.06',
            primary: true,
          },
        ],
      },
    ],
    program: [{ learning_resource_id: 2 }],
    podcast: [{ learning_resource_id: 6, rss_url: 'https://example.org/chalk-radio.rss' }],
    podcast_episode: [
      { learning_resource_id: 7, audio_url: 'https://example.org/ep1.mp3', duration: 'PT42M10S' },
    ],
    video: [
      {
        learning_resource_id: 5,
        duration: 'PT39M49S',
        caption_urls: [{ language: 'en', language_name: 'English', url: 'https://example.org/captions.vtt' }],
      },
    ],
    video_channel: [
      {
        channel_id: 'UCEBb1b_L6zDS3xTUrIALZOw',
        title: 'MIT OpenCourseWare',
        published: true,
        etl_source: 'youtube',
      },
    ],
    video_playlist: [
      { learning_resource_id: 4, channel_id: 'UCEBb1b_L6zDS3xTUrIALZOw', parent_learning_resource_id: 3 },
    ],
    content_file: [
      {
        id: 100,
        run_id: 12,
        key: 'courses/18-06/pages/syllabus',
        title: 'Syllabus',
        content_type: 'page',
        content: 'Course meets...',
        published: true,
      },
      {
        id: 101,
        direct_learning_resource_id: 5,
        key: 'dQw4w9WgXcQ',
        content_type: 'video',
        published: true,
        flashcards: [{ q: 'rank?', a: 'dimension of the column space' }],
      },
    ],
    learning_resource_relationship: [
      { id: 1, parent_id: 2, child_id: 1, position: 0, relation_type: 'PROGRAM_COURSES' },
      { id: 2, parent_id: 2, child_id: 3, position: 1, relation_type: 'PROGRAM_COURSES' },
      { id: 3, parent_id: 4, child_id: 5, position: 0, relation_type: 'PLAYLIST_VIDEOS' },
      { id: 4, parent_id: 6, child_id: 7, position: 0, relation_type: 'PODCAST_EPISODES' },
    ],
    run_instructor: [
      { run_id: 10, instructor_id: 1, position: 0 },
      { run_id: 10, instructor_id: 2, position: 1 },
      { run_id: 11, instructor_id: 2, position: 0 },
    ],
    resource_topic: [
      { learning_resource_id: 1, topic_id: 2 },
      { learning_resource_id: 1, topic_id: 1 },
      { learning_resource_id: 3, topic_id: 3 },
    ],
    resource_department: [
      { learning_resource_id: 1, department_id: '6' },
      { learning_resource_id: 3, department_id: '18' },
    ],
    resource_content_tag: [{ learning_resource_id: 3, content_tag_id: 1 }],
    resource_price: [
      { learning_resource_id: 1, price_id: 1 },
      { learning_resource_id: 1, price_id: 2 },
    ],
    run_price: [{ run_id: 10, price_id: 2 }],
    content_file_content_tag: [{ content_file_id: 100, content_tag_id: 1 }],
    feed_image: [{ id: 1, url: 'https://example.org/news.png' }],
    feed_source: [
      { id: 1, title: 'MIT News', url: 'https://news.mit.edu/rss', feed_type: 'news', image_id: 1 },
      {
        id: 2,
        title: 'Open Learning events',
        url: 'https://openlearning.mit.edu/events',
        feed_type: 'events',
      },
    ],
    feed_item: [
      { id: 1, guid: 'https://news.mit.edu/2026/story-1', source_id: 1, title: 'A story', summary: 'Short' },
      { id: 2, guid: 'https://openlearning.mit.edu/events/1', source_id: 2, title: 'An event' },
    ],
    feed_news_detail: [
      { feed_item_id: 1, authors: ['A. Writer'], topics: ['AI'], publish_date: '2026-08-20T10:00:00Z' },
    ],
    feed_event_detail: [
      {
        feed_item_id: 2,
        audience: ['Public'],
        event_datetime: '2026-10-01T18:00:00Z',
        event_type: ['Webinar'],
      },
    ],
  };
}

export type SampleEntity = Extract<EntityName, TableName>;
