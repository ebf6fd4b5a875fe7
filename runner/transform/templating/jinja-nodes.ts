/**
 * The AST node types this layer adds to nunjucks' own (nunjucks dispatches `compile<typename>`).
 * Created through nunjucks' `Node.extend` so generic walkers (`findAll`, `iterFields`) keep working.
 */
import nunjucks from 'nunjucks';

const n = (nunjucks as any).nodes;

export const nodes: any = n;

/** `{% do expr %}`: evaluate, print nothing. */
export const DoNode: any = n.Node.extend('LfDo', { fields: ['expr'] });
/** `x[a:b:c]` */
export const SliceNode: any = n.Node.extend('LfSlice', { fields: ['target', 'start', 'stop', 'step'] });
/** A parenthesised tuple literal `(a, b)` (an array at run time; `%` formatting spreads it). */
export const TupleNode: any = n.NodeList.extend('LfTuple');
/** `{% break %}` / `{% continue %}` (Jinja's loopcontrols extension, enabled by dbt). */
export const BreakNode: any = n.Node.extend('LfBreak', { fields: [] });
export const ContinueNode: any = n.Node.extend('LfContinue', { fields: [] });
/** `{% snapshot name %}...{% endsnapshot %}`: renders its body. */
export const SnapshotNode: any = n.Node.extend('LfSnapshot', { fields: ['name', 'body'] });
/** `{% with a = 1 %}...{% endwith %}` */
export const WithNode: any = n.Node.extend('LfWith', { fields: ['assignments', 'body'] });
/** `f(*args)` and `f(**kwargs)` in a call's arguments. */
export const StarArgsNode: any = n.Node.extend('LfStarArgs', { fields: ['expr'] });
export const StarKwargsNode: any = n.Node.extend('LfStarKwargs', { fields: ['expr'] });
