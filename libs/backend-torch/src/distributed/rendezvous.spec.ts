import { isDistributedLaunch, rendezvousFromEnv } from './rendezvous';

describe('rendezvousFromEnv (torchrun\'s variables)', () => {
  const torchrun = { RANK: '1', WORLD_SIZE: '4', MASTER_ADDR: '10.0.0.5', MASTER_PORT: '29500' };

  it('reads a TCP store that rank 0 serves', () => {
    expect(rendezvousFromEnv(torchrun)).toEqual({ store: 'tcp', host: '10.0.0.5', port: 29500, hostsStore: false, prefix: undefined, rank: 1, worldSize: 4, timeoutMs: 120000, interface: undefined });
    expect(rendezvousFromEnv({ ...torchrun, RANK: '0' }).hostsStore).toBe(true);
  });

  it("joins torchrun's agent store as a client, with keys per restart", () => {
    const env = { ...torchrun, RANK: '0', TORCHELASTIC_USE_AGENT_STORE: 'True', TORCHELASTIC_RESTART_COUNT: '2', GLOO_SOCKET_IFNAME: 'eth1', MIMO_DIST_TIMEOUT: '7.5' };
    expect(rendezvousFromEnv(env)).toMatchObject({ hostsStore: false, prefix: 'mimo/attempt_2', interface: 'eth1', timeoutMs: 7500 });
  });

  it('takes a file store from MIMO_DIST_FILE', () => {
    expect(rendezvousFromEnv({ RANK: '0', WORLD_SIZE: '2', MIMO_DIST_FILE: '/shared/run/store' })).toMatchObject({ store: 'file', path: '/shared/run/store', rank: 0, worldSize: 2 });
  });

  it('names what is missing or wrong', () => {
    expect(() => rendezvousFromEnv({ WORLD_SIZE: '2' })).toThrow(/RANK is not set: data-parallel training reads RANK, WORLD_SIZE and MASTER_ADDR/);
    expect(() => rendezvousFromEnv({ ...torchrun, RANK: '4' })).toThrow('RANK must be an integer from 0 to 3. Received: 4');
    expect(() => rendezvousFromEnv({ RANK: '0', WORLD_SIZE: '2' })).toThrow(/MASTER_ADDR is not set/);
    expect(() => rendezvousFromEnv({ ...torchrun, MASTER_PORT: '70000' })).toThrow('MASTER_PORT must be an integer from 1 to 65535. Received: 70000');
    expect(() => rendezvousFromEnv({ ...torchrun, MIMO_DIST_TIMEOUT: '0' })).toThrow('MIMO_DIST_TIMEOUT must be a number of seconds above 0. Received: 0');
  });

  it('calls a process one rank of several only when WORLD_SIZE > 1', () => {
    expect([{}, { WORLD_SIZE: '1' }, { WORLD_SIZE: '2' }, { WORLD_SIZE: 'x' }].map(isDistributedLaunch)).toEqual([false, false, true, false]);
  });
});
