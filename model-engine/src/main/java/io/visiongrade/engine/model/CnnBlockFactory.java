package io.visiongrade.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.InitializerSpec;
import io.visiongrade.engine.spec.LayerSpec;
import java.util.List;

/**
 * Builds the DJL block for a spec: the one place that maps spec layers to DJL layers, used both for
 * training and for rebuilding a saved model (in the spirit of DJL's {@code BlockFactory}).
 */
public final class CnnBlockFactory {
  private CnnBlockFactory() {}

  /**
   * A fresh, uninitialised block with the spec's weight initializer set. The spec must have passed
   * {@link CnnSpec#summarize} for {@code numClasses}.
   */
  public static SequentialBlock build(CnnSpec spec, int numClasses) {
    SequentialBlock net = new SequentialBlock();
    int channels = spec.input().channels();
    for (LayerSpec layer : spec.layers()) {
      add(net, layer, numClasses, channels);
      if (layer instanceof LayerSpec.Conv2d c) {
        channels = c.filters();
      } else if (layer instanceof LayerSpec.Residual r) {
        channels = r.filters();
      }
    }
    net.setInitializer(initializer(spec.initializer()), Parameter.Type.WEIGHT);
    return net;
  }

  private static Conv2d conv(LayerSpec.Conv2d c) {
    boolean same = c.padding() == LayerSpec.Padding.SAME;
    return Conv2d.builder()
        .setFilters(c.filters())
        .setKernelShape(new Shape(c.kernelHeight(), c.kernelWidth()))
        .optStride(new Shape(c.strideHeight(), c.strideWidth()))
        .optPadding(same ? new Shape(c.kernelHeight() / 2, c.kernelWidth() / 2) : new Shape(0, 0))
        .build();
  }

  static Block maxPool(LayerSpec.Pool2d q) {
    return new MaxPool2dBlock(q.poolHeight(), q.poolWidth(), q.strideHeight(), q.strideWidth());
  }

  /** Input shape with a batch axis of 1, for {@code Block.initialize}. */
  public static Shape inputShape(CnnSpec spec, long batch) {
    return new Shape(batch, spec.input().channels(), spec.input().height(), spec.input().width());
  }

  private static void add(SequentialBlock net, LayerSpec layer, int numClasses, int channels) {
    if (layer instanceof LayerSpec.Conv2d c) {
      net.add(conv(c));
      activation(net, c.activation());
    } else if (layer instanceof LayerSpec.Pool2d q) {
      Shape kernel = new Shape(q.poolHeight(), q.poolWidth());
      Shape stride = new Shape(q.strideHeight(), q.strideWidth());
      net.add(q.max() ? maxPool(q) : Pool.avgPool2dBlock(kernel, stride));
    } else if (layer instanceof LayerSpec.GlobalAvgPool) {
      net.add(Pool.globalAvgPool2dBlock());
    } else if (layer instanceof LayerSpec.BatchNorm) {
      net.add(BatchNorm.builder().build());
    } else if (layer instanceof LayerSpec.Dropout d) {
      net.add(Dropout.builder().optRate((float) d.rate()).build());
    } else if (layer instanceof LayerSpec.Flatten) {
      net.add(Blocks.batchFlattenBlock());
    } else if (layer instanceof LayerSpec.Dense d) {
      long units = d.units() == LayerSpec.Dense.CLASSES ? numClasses : d.units();
      net.add(Linear.builder().setUnits(units).build());
      activation(net, d.activation());
    } else if (layer instanceof LayerSpec.Residual r) {
      net.add(residual(channels, r.filters(), r.stride()));
    } else {
      throw new IllegalArgumentException("unknown layer " + layer);
    }
  }

  private static Block residual(int inChannels, int filters, int stride) {
    Shape s = new Shape(stride, stride);
    SequentialBlock main =
        new SequentialBlock()
            .add(conv(filters, 3, s, 1))
            .add(BatchNorm.builder().build())
            .add(ai.djl.nn.Activation::relu)
            .add(conv(filters, 3, new Shape(1, 1), 1))
            .add(BatchNorm.builder().build());
    Block shortcut =
        inChannels == filters && stride == 1
            ? Blocks.identityBlock()
            : new SequentialBlock().add(conv(filters, 1, s, 0)).add(BatchNorm.builder().build());
    return new ParallelBlock(CnnBlockFactory::sumRelu, List.of(main, shortcut));
  }

  private static NDList sumRelu(List<NDList> branches) {
    NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
    return new NDList(ai.djl.nn.Activation.relu(sum));
  }

  static Conv2d conv(int filters, int kernel, Shape stride, int pad) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(stride)
        .optPadding(new Shape(pad, pad))
        .optBias(false)
        .build();
  }

  private static void activation(SequentialBlock net, Activation a) {
    switch (a.kind()) {
      case NONE -> {}
      case RELU -> net.add(ai.djl.nn.Activation::relu);
      case LEAKYRELU -> {
        float alpha = (float) a.alpha();
        net.add(x -> ai.djl.nn.Activation.leakyRelu(x, alpha));
      }
      case TANH -> net.add(ai.djl.nn.Activation::tanh);
      case SIGMOID -> net.add(ai.djl.nn.Activation::sigmoid);
      case GELU -> net.add(ai.djl.nn.Activation::gelu);
    }
  }

  static Initializer initializer(InitializerSpec spec) {
    return switch (spec.kind()) {
      case UNIFORM ->
          (NDManager m, Shape shape, DataType type) ->
              m.randomUniform((float) spec.a(), (float) spec.b(), shape, type);
      case NORMAL ->
          (NDManager m, Shape shape, DataType type) ->
              m.randomNormal((float) spec.a(), (float) spec.b(), shape, type);
      case XAVIER ->
          (NDManager m, Shape shape, DataType type) -> {
            float bound = (float) Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
            return m.randomUniform(-bound, bound, shape, type);
          };
      case HE ->
          (NDManager m, Shape shape, DataType type) ->
              m.randomNormal(0f, (float) Math.sqrt(2.0 / fanIn(shape)), shape, type);
    };
  }

  private static long receptive(Shape shape) {
    long r = 1;
    for (int i = 2; i < shape.dimension(); i++) {
      r *= shape.get(i);
    }
    return r;
  }

  private static long fanIn(Shape shape) {
    return shape.dimension() < 2 ? shape.get(0) : shape.get(1) * receptive(shape);
  }

  private static long fanOut(Shape shape) {
    return shape.get(0) * receptive(shape);
  }
}
