// Injected by tools/gpu/pack.sh into each bundle it makes. @mimo/backend loads the torch backend at run time with
// `require('@mimo/backend-torch')`, a name no bundler can follow: Node would resolve it to libs/backend-torch/dist,
// which the GPU machine lacks and which elsewhere is a second copy (another tfjs, another addon). This hands that
// require the bundle's own copy.
import Module from 'module';
import * as torch from '@mimo/backend-torch';

const load = Module._load;
Module._load = function loadBundledTorch(request, ...rest) {
  return request === '@mimo/backend-torch' ? torch : load.call(this, request, ...rest);
};
