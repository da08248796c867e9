package io.contrastkit.deep.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The VAE as one DJL block (so {@code Model.save} and {@code load} see every parameter). Input {@code (x)}
 * gives {@code (mu)}, the embedding; input {@code (x, eps)} gives {@code (reconstruction, mu, logvar)} with
 * {@code z = mu + eps * exp(logvar / 2)}: the noise comes from the caller, drawn from the trainer's seed, so
 * training does not depend on PyTorch's process-wide generator.
 */
final class VaeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int imageSize;
    private final int latent;
    private final int deepest;
    private final Block encoder;
    private final Block muHead;
    private final Block logvarHead;
    private final Block decoderInput;
    private final Block decoder;

    VaeBlock(VaeOptions options) {
        super(VERSION);
        this.imageSize = options.imageSize();
        this.latent = options.latentSize();
        int c = options.channels();
        this.deepest = 4 * c;
        SequentialBlock enc = new SequentialBlock();
        for (int filters : new int[] {c, 2 * c, 4 * c}) {
            enc.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build());
            enc.add(Activation.reluBlock());
        }
        enc.add(Blocks.batchFlattenBlock());
        this.encoder = addChildBlock("encoder", enc);
        this.muHead = addChildBlock("mu", Linear.builder().setUnits(latent).build());
        this.logvarHead = addChildBlock("logvar", Linear.builder().setUnits(latent).build());
        int s8 = imageSize / 8;
        this.decoderInput = addChildBlock("decoder_input",
                Linear.builder().setUnits((long) deepest * s8 * s8).build());
        SequentialBlock dec = new SequentialBlock();
        int[] widths = {2 * c, c, 3};
        for (int i = 0; i < widths.length; i++) {
            // Nearest upsampling x2 (repeat along H and W) then a 3x3 convolution: PyTorch's DJL engine has no
            // transposed convolution, and this also avoids its checkerboard artefacts.
            dec.add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().repeat(2, 2).repeat(3, 2)),
                    "upsample"));
            dec.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(widths[i]).build());
            dec.add(i < widths.length - 1 ? Activation.reluBlock() : Activation.sigmoidBlock());
        }
        this.decoder = addChildBlock("decoder", dec);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList h = encoder.forward(store, new NDList(x), training);
        NDArray mu = muHead.forward(store, h, training).singletonOrThrow();
        if (inputs.size() == 1) {
            return new NDList(mu);
        }
        NDArray logvar = logvarHead.forward(store, h, training).singletonOrThrow();
        NDArray half = Tensors.scalar(x.getManager(), 0.5f);
        NDArray z = mu.add(inputs.get(1).mul(logvar.mul(half).exp()));
        int s8 = imageSize / 8;
        NDArray d = decoderInput.forward(store, new NDList(z), training).singletonOrThrow()
                .reshape(x.getShape().get(0), deepest, s8, s8);
        NDArray reconstruction = decoder.forward(store, new NDList(d), training).singletonOrThrow();
        return new NDList(reconstruction, mu, logvar);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape code = new Shape(batch, latent);
        if (inputShapes.length == 1) {
            return new Shape[] {code};
        }
        return new Shape[] {new Shape(batch, 3, imageSize, imageSize), code, code};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        encoder.initialize(manager, dataType, x);
        Shape h = encoder.getOutputShapes(new Shape[] {x})[0];
        muHead.initialize(manager, dataType, h);
        logvarHead.initialize(manager, dataType, h);
        decoderInput.initialize(manager, dataType, new Shape(x.get(0), latent));
        int s8 = imageSize / 8;
        decoder.initialize(manager, dataType, new Shape(x.get(0), deepest, s8, s8));
    }
}
