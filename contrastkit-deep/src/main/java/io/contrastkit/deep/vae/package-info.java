/**
 * The contrast VAE: {@link io.contrastkit.deep.vae.VaeOptions} in, {@link io.contrastkit.deep.vae.VaeTrainer}
 * trains on a tensor cache with checkpoints, {@link io.contrastkit.deep.vae.ContrastVae} loads the saved model
 * and embeds images.
 */
package io.contrastkit.deep.vae;
