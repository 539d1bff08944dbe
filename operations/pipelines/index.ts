import type { Operation } from '../../runtime/define.js';
import add_pipeline from './add_pipeline.js';
import delete_pipeline from './delete_pipeline.js';
import get_pipeline from './get_pipeline.js';
import get_pipeline_conversion_statistics from './get_pipeline_conversion_statistics.js';
import get_pipeline_movement_statistics from './get_pipeline_movement_statistics.js';
import list_pipelines from './list_pipelines.js';
import update_pipeline from './update_pipeline.js';

/** The pipelines operations. */
const operations: Operation[] = [
  add_pipeline,
  delete_pipeline,
  get_pipeline,
  get_pipeline_conversion_statistics,
  get_pipeline_movement_statistics,
  list_pipelines,
  update_pipeline,
];

export default operations;
