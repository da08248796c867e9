package io.contrastkit.deep.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over a block's parameters, written here rather than DJL's {@code Optimizer} because its moments must go
 * into the checkpoint: DJL's optimizers keep them private, and a resumed run would restart them from zero and
 * not continue the interrupted one. Also zeroes the gradients after each step (PyTorch accumulates them).
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final List<Parameter> parameters = new ArrayList<>();
    private final double learningRate;
    private NDList moments;
    private long steps;

    Adam(PairList<String, Parameter> parameters, NDManager manager, double learningRate) {
        for (Pair<String, Parameter> p : parameters) {
            if (p.getValue().requiresGradient()) {
                this.parameters.add(p.getValue());
            }
        }
        this.learningRate = learningRate;
        this.moments = new NDList();
        for (Parameter p : this.parameters) {
            NDArray a = p.getArray();
            moments.add(manager.zeros(a.getShape(), a.getDataType()));
            moments.add(manager.zeros(a.getShape(), a.getDataType()));
        }
    }

    /**
     * One update from the gradients now held by the parameters; temporaries belong to the caller's scope.
     *
     * @throws IllegalStateException naming the first parameter whose gradient is not finite, before anything
     *                               is updated (the weights stay as they were)
     */
    void step() {
        // Checked before any update, so a bad step never reaches the weights.
        for (Parameter p : parameters) {
            try (NDArray g = p.getArray().getGradient(); NDArray sum = g.sum()) {
                float total = sum.getFloat();
                if (!Float.isFinite(total)) {
                    throw new IllegalStateException("the gradient of " + p.getName() + " is " + total);
                }
            }
        }
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray g = w.getGradient();
            NDArray m = moments.get(2 * i);
            NDArray v = moments.get(2 * i + 1);
            // Float scalars keep every array float32 (see VaeLoss).
            m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
            v.muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
            w.subi(m.div((float) c1).div(v.div((float) c2).sqrt().add((float) EPSILON)).mul((float) learningRate));
            g.subi(g);
        }
    }

    long steps() {
        return steps;
    }

    /** The two moments of every parameter, in parameter order, for a checkpoint. */
    byte[] encodeMoments() {
        return moments.encode();
    }

    /** Takes over the moments and step count of a checkpoint. */
    void restore(NDManager manager, byte[] encoded, long stepCount) {
        NDList loaded = NDList.decode(manager, encoded);
        if (loaded.size() != moments.size()) {
            throw new IllegalArgumentException("the checkpoint holds " + loaded.size() / 2 + " parameters' moments,"
                    + " this model has " + parameters.size());
        }
        for (int i = 0; i < loaded.size(); i++) {
            if (!loaded.get(i).getShape().equals(moments.get(i).getShape())) {
                throw new IllegalArgumentException("the checkpoint's moment " + i + " has shape "
                        + loaded.get(i).getShape() + ", this model's " + moments.get(i).getShape());
            }
        }
        moments.close();
        moments = loaded;
        steps = stepCount;
    }
}
