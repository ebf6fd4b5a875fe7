import {
  Checkpoint,
  ConfigurationError,
  Stream,
  type HttpClient,
  type ReadContext,
  type StreamItem,
} from '../../../cdk';
import schema from '../../schemas/program_courses.json';
import { listParams } from '../client';
import { reqTreeRefs } from '../req-tree';
import type { MitxOnlineConfig } from '../spec';
import { Programs } from './programs';

type Json = Record<string, unknown>;

/**
 * The child courses of every program: the program's `req_tree` is walked depth-first, each course is
 * fetched from `<courses_path><id>/`, and `required_program` nodes are followed into the child
 * program's own tree (not when that program is displayed as a course; with cycle protection). A course
 * the API no longer has (404) is skipped with a warning; any other error fails the stream.
 * One record per (program, course): the raw course under `course`, with the position in the walk.
 */
export class ProgramCourses extends Stream {
  readonly name = 'program_courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['program_id'], ['course_id']];
  readonly cursorField = [];
  private readonly programs: Programs;

  constructor(
    private readonly client: HttpClient,
    private readonly config: MitxOnlineConfig,
  ) {
    super();
    this.programs = new Programs(client, config);
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    for await (const item of this.programs.readRecords(ctx)) {
      if (item instanceof Checkpoint) {
        yield new Checkpoint();
        continue;
      }
      if (!isProgram(item)) continue;
      const refs = await this.courseRefs(item, new Set([item.id]), ctx);
      // The client's limiter bounds how many of these run at once.
      const courses = await Promise.all(refs.map((r) => this.fetch(this.config.courses_path, r.id, ctx)));
      for (let i = 0; i < refs.length; i++) {
        const course = courses[i];
        if (!course) continue;
        yield {
          program_id: item.id,
          program_readable_id: item.readable_id,
          course_id: refs[i].id,
          position: i,
          via_program_id: refs[i].via ?? null,
          course,
        };
      }
    }
  }

  /** Course references of a program, following required programs. */
  private async courseRefs(
    program: Json & { id: number },
    seen: Set<number>,
    ctx: ReadContext,
    via?: number,
  ): Promise<Array<{ id: number; via?: number }>> {
    const out: Array<{ id: number; via?: number }> = [];
    for (const ref of reqTreeRefs(program.req_tree)) {
      if (ref.kind === 'course') {
        if (!out.some((o) => o.id === ref.id)) out.push({ id: ref.id, via });
        continue;
      }
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      const child = await this.fetch(this.config.programs_path, ref.id, ctx);
      if (!child || !isProgram(child) || child.display_mode === 'course') continue;
      for (const c of await this.courseRefs(child, seen, ctx, ref.id))
        if (!out.some((o) => o.id === c.id)) out.push(c);
    }
    return out;
  }

  private async fetch(basePath: string, id: number, ctx: ReadContext): Promise<Json | undefined> {
    const url = `${basePath.endsWith('/') ? basePath : `${basePath}/`}${id}/`;
    try {
      const res = await this.client.send<Json>(
        { url, params: listParams({ ...this.config, page_size: undefined }) },
        { onRateLimited: ctx.rateLimited },
      );
      return res.data && typeof res.data === 'object' && !Array.isArray(res.data) ? res.data : undefined;
    } catch (e) {
      if (e instanceof ConfigurationError && e.status === 404) {
        ctx.logger.warn(`${url}: not found (404), skipped`);
        return undefined;
      }
      throw e;
    }
  }
}

function isProgram(v: unknown): v is Json & { id: number; readable_id?: string; display_mode?: string } {
  return typeof v === 'object' && v !== null && typeof (v as Json).id === 'number';
}
