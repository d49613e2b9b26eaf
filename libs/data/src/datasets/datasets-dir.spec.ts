import * as path from 'path';
import { datasetPath, datasetsDir } from './datasets-dir';

describe('datasetsDir', () => {
  const saved = process.env.MIMO_DATASETS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MIMO_DATASETS;
    else process.env.MIMO_DATASETS = saved;
  });

  it('is $MIMO_DATASETS when set, else <repo>/../shared/datasets', () => {
    process.env.MIMO_DATASETS = '/data/sets';
    expect(datasetsDir()).toBe(path.resolve('/data/sets'));
    delete process.env.MIMO_DATASETS;
    expect(datasetsDir()).toBe(path.resolve(__dirname, '../../../../../shared/datasets'));
  });

  it('says where it looked when a data set is absent', () => {
    process.env.MIMO_DATASETS = '/nowhere';
    expect(() => datasetPath('wdbc')).toThrow(
      `${path.join('/nowhere', 'wdbc')}: expected the wdbc data set folder, received nothing (set MIMO_DATASETS to the folder that holds wdbc/, or pass its dir)`,
    );
  });
});
