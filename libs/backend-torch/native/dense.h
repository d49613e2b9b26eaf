// A Dense layer's forward and backward, each one native call (the DENSE_KERNELS of @mimo/kernels): its products
// run through `linear` (matmul.h), its activation and activation gradient as ATen ops. Between JavaScript calls
// each native call costs a few µs of tfjs and N-API; a plain loop's three Dense layers made 20 native calls a step.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace mimo {

enum class DenseActivation { Linear, Relu, Sigmoid, Tanh };

/** The activation named `name` (linear, relu, sigmoid, tanh); throws naming any other. */
DenseActivation denseActivationNamed(const std::string& name);

/** activation(x·kernel + bias) for x [rows, features]; bias undefined for none. */
at::Tensor denseForward(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias, DenseActivation activation);

/**
 * → { dx (undefined unless `inputGradient`), dKernel, dBias (undefined unless `hasBias`) } from x [rows, features],
 * the output y and its gradient dy. A layer on a model's input needs no dx, a product as large as dKernel's.
 */
std::vector<at::Tensor> denseBackward(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& y, const at::Tensor& dy, DenseActivation activation, bool hasBias,
                                      bool inputGradient);

}  // namespace mimo
