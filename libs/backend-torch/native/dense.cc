#include "dense.h"

#include <ATen/ATen.h>

#include <stdexcept>

#include "matmul.h"

namespace mimo {

DenseActivation denseActivationNamed(const std::string& name) {
  if (name == "linear") return DenseActivation::Linear;
  if (name == "relu") return DenseActivation::Relu;
  if (name == "sigmoid") return DenseActivation::Sigmoid;
  if (name == "tanh") return DenseActivation::Tanh;
  throw std::invalid_argument("torch backend: Dense activation must be one of linear, relu, sigmoid, tanh. Received: '" + name + "'");
}

at::Tensor denseForward(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias, DenseActivation activation) {
  at::Tensor z = linear(x, kernel, bias);  // a fresh tensor: activated in place
  switch (activation) {
    case DenseActivation::Relu: return z.relu_();
    case DenseActivation::Sigmoid: return z.sigmoid_();
    case DenseActivation::Tanh: return z.tanh_();
    default: return z;
  }
}

std::vector<at::Tensor> denseBackward(const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& y, const at::Tensor& dy, DenseActivation activation, bool hasBias,
                                      bool inputGradient) {
  at::Tensor dz;
  switch (activation) {
    case DenseActivation::Relu: dz = at::threshold_backward(dy, y, 0); break;
    case DenseActivation::Sigmoid: dz = at::sigmoid_backward(dy, y); break;
    case DenseActivation::Tanh: dz = at::tanh_backward(dy, y); break;
    default: dz = dy;
  }
  return {inputGradient ? linear(dz, kernel.t(), at::Tensor()) : at::Tensor(), linear(x.t(), dz, at::Tensor()), hasBias ? dz.sum(0) : at::Tensor()};
}

}  // namespace mimo
