// PostGraphile 5 as the ceilings run it: the recommended (amber) preset, plus conditions on
// columns without an index, so the board can ask for unresolved incidents as this server's does.
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

export default {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
};
