/**
 * source-course-content's entry point (the Docker image's ENTRYPOINT): `spec`, `check --config F`,
 * `discover --config F`, `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { CourseContentSource } from './source';

export const connector = new CourseContentSource();

if (require.main === module) sourceMain(connector);
