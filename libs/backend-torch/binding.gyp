{
  "targets": [
    {
      "target_name": "mimo_torch",
      "sources": ["native/addon.cc", "native/recurrent.cc", "native/recurrent_support.cc", "native/gru.cc", "native/gru_reset_after.cc", "native/libtorch_rnn.cc", "native/lstm_steps_cpu.cc", "native/gru_steps_cpu.cc", "native/blas.cc", "native/adam.cc", "native/step.cc", "native/tensor_store.cc", "native/step_recording.cc", "native/step_graph.cc", "native/boxed_stack.cc", "native/dropout.cc", "native/small_elementwise.cc", "native/small_gemm.cc", "native/matmul.cc", "native/dense.cc", "native/head_loss.cc", "native/head_loss_cpu.cc", "native/thread_handoff.cc", "native/flush_denormals.cc", "native/kernel_thread.cc", "native/predicted_shapes.cc", "native/distributed.cc", "native/distributed_binding.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(node scripts/find-libtorch.js includes)"
      ],
      # -z now: a symbol the addon needs and libtorch lacks fails the load, which the probe reports, not a later call.
      "libraries": ["<!@(node scripts/find-libtorch.js libraries)", "-ldl", "-Wl,-z,now"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NAPI_VERSION=8", "_GLIBCXX_USE_CXX11_ABI=<!(node scripts/find-libtorch.js abi)"],
      "cflags!": ["-fno-exceptions", "-O3"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-O3"],
      "cflags_cc": ["-std=c++17", "-O2", "-fexceptions", "-frtti", "-Wno-unused-parameter", "-Wno-deprecated-declarations", "<!(node scripts/find-libtorch.js openmp)", "-fno-trapping-math", "-fno-math-errno", "-ffp-contract=off", "<!@(node scripts/find-libtorch.js c10d)", "<!@(node scripts/find-libtorch.js cuda)"]
    }
  ]
}
