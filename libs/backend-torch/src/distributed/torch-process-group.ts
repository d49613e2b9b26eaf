import * as tf from '@tensorflow/tfjs';
import { loadTorchAddon } from '../native/load-addon';
import { NativeRendezvous, NativeTensor, TorchAddon } from '../native/torch-addon';
import { registerTorchBackend } from '../register-torch';
import { TORCH_BACKEND } from '../kernels';
import { TorchBackend } from '../torch-backend';
import { rendezvousFromEnv } from './rendezvous';

/** DistributedDataParallel's default bucket: gradients travel in flat buffers of at most 25 MiB. */
const BUCKET_BYTES = 25 * 1024 * 1024;

/** Whether this machine's addon can train data-parallel, and if not, why (for `mimo doctor`). */
export function distributedStatus(): { available: true } | { available: false; reason: string } {
  const loaded = loadTorchAddon();
  if (!loaded.ok) return { available: false, reason: loaded.reason };
  const status = loaded.addon.distributedStatus?.() ?? { available: false, reason: 'the native addon predates distributed training; rebuild it (`npx mimo-build-torch`)' };
  return status.available ? { available: true } : { available: false, reason: status.reason ?? 'unknown' };
}

/**
 * One rank's membership of a c10d Gloo process group: what `@mimo/core`'s Trainer takes as `dataParallel` (its
 * DataParallelGroup). Tensors must live on the torch backend (it reads their native handles); collectives run
 * off the JavaScript thread.
 */
export class TorchProcessGroup {
  private open = true;

  private constructor(
    private readonly addon: TorchAddon,
    private readonly id: number,
    readonly rank: number,
    readonly worldSize: number,
  ) {}

  /**
   * Joins the group `rendezvous` describes (default: torchrun's environment, `rendezvousFromEnv`); resolves once
   * every rank has arrived, or rejects after the rendezvous timeout naming what is missing.
   */
  static async join(rendezvous: NativeRendezvous = rendezvousFromEnv()): Promise<TorchProcessGroup> {
    const status = distributedStatus();
    if (!status.available) throw new Error(`distributed training is not available: ${status.reason}`);
    registerTorchBackend();
    if (tf.getBackend() !== TORCH_BACKEND) {
      throw new Error(`data-parallel training runs on the torch backend; the active backend is '${tf.getBackend()}' (use --backend torch or MIMO_BACKEND=torch)`);
    }
    const addon = (loadTorchAddon() as { addon: TorchAddon }).addon;
    const where = rendezvous.store === 'file' ? `file store ${rendezvous.path}` : `tcp store ${rendezvous.host}:${rendezvous.port}`;
    try {
      const id = await addon.joinGroup(rendezvous);
      return new TorchProcessGroup(addon, id, rendezvous.rank, rendezvous.worldSize);
    } catch (error) {
      // torchrun's agent serves the store in its own release's TCPStore protocol, which an older libtorch cannot speak.
      const agent = rendezvous.prefix ? `; the store is torchrun's, which must be the same PyTorch release as the addon's libtorch ${addon.info().version}` : '';
      const waited = `; every rank must reach it within ${rendezvous.timeoutMs / 1000} s (MIMO_DIST_TIMEOUT)`;
      throw new Error(`rank ${rendezvous.rank} of ${rendezvous.worldSize} could not join the process group at the ${where}: ${(error as Error).message}${agent || waited}`);
    }
  }

  allreduceMean(tensors: tf.Tensor[]): Promise<tf.Tensor[]> {
    return this.collective('allreduce', tensors, (ids) => this.addon.allreduce(this.id, ids, 1 / this.worldSize, BUCKET_BYTES));
  }

  broadcast(tensors: tf.Tensor[], root: number): Promise<tf.Tensor[]> {
    return this.collective('broadcast', tensors, (ids) => this.addon.broadcast(this.id, ids, root));
  }

  /** Leaves the group; collectives after this fail. */
  leave(): void {
    if (this.open) this.addon.leaveGroup(this.id);
    this.open = false;
  }

  private async collective(name: string, tensors: tf.Tensor[], run: (ids: number[]) => Promise<NativeTensor[]>): Promise<tf.Tensor[]> {
    if (!this.open) throw new Error(`${name}: this process has left the group`);
    const backend = tf.engine().findBackend(TORCH_BACKEND) as TorchBackend;
    const ids = tensors.map((t) => {
      if (t.dtype !== 'float32') throw new Error(`${name} takes float32 tensors. Received: ${t.dtype}`);
      return backend.handle(t);
    });
    let results: NativeTensor[];
    try {
      results = await run(ids);
    } catch (error) {
      throw new Error(`rank ${this.rank} of ${this.worldSize}: ${name} failed: ${(error as Error).message}`);
    }
    return results.map((native) => tf.engine().makeTensorFromTensorInfo(backend.makeTensorInfo(native, 'float32')));
  }
}
