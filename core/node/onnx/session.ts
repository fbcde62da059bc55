// A thin wrapper over an onnxruntime-node InferenceSession: open a model from a file or bytes, run
// it on flat typed arrays with explicit shapes, get named outputs back the same way. Tensors are
// row-major; recurrent ones are time-major [T, B, ·] as the exporter writes them.

import { InferenceSession, Tensor } from 'onnxruntime-node';

/** One input or output: float32 values or int64 ids / lengths, and its shape. */
export interface OnnxTensor {
  readonly data: Float32Array | BigInt64Array;
  readonly dims: readonly number[];
}

export interface OnnxSessionOptions {
  /**
   * Threads inside one operator (onnxruntime's intra_op_num_threads). Default 1: the sessions run in
   * workers beside training, and recurrent steps are too small to gain from more.
   */
  readonly threads?: number;
}

/** A missing, unreadable or invalid model file is an expected failure, returned with onnxruntime's reason. */
export type OnnxSessionResult =
  { readonly ok: true; readonly session: OnnxSession } | { readonly ok: false; readonly code: 'model-unreadable'; readonly message: string };

export class OnnxSession {
  private constructor(private readonly session: InferenceSession) {}

  /** Opens a model from a .onnx path or its bytes. */
  static async create(source: string | Uint8Array, options: OnnxSessionOptions = {}): Promise<OnnxSessionResult> {
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionProviders: ['cpu'],
    };
    try {
      // Two calls on purpose: onnxruntime's overloads take a path or bytes, not their union.
      const session =
        typeof source === 'string' ? await InferenceSession.create(source, sessionOptions) : await InferenceSession.create(source, sessionOptions);
      return { ok: true, session: new OnnxSession(session) };
    } catch (e) {
      const what = typeof source === 'string' ? source : `the model bytes (${source.byteLength} bytes)`;
      return {
        ok: false,
        code: 'model-unreadable',
        message: `onnxruntime could not open ${what}: ${(e as Error).message}. Check that the file exists and is an ONNX model (re-export it if needed).`,
      };
    }
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * Runs the model once. Every graph input must be fed; all graph outputs are returned.
   * @param feeds input name → values and shape (values.length must equal the shape's product)
   */
  async run(feeds: Readonly<Record<string, OnnxTensor>>): Promise<Record<string, OnnxTensor>> {
    const ortFeeds: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      const n = t.dims.reduce((a, b) => a * b, 1);
      if (t.data.length !== n) throw new Error(`OnnxSession.run: input "${name}" has shape [${t.dims.join(', ')}] (${n} values) but ${t.data.length} values`);
      ortFeeds[name] = t.data instanceof Float32Array ? new Tensor('float32', t.data, t.dims) : new Tensor('int64', t.data, t.dims);
    }
    const results = await this.session.run(ortFeeds);
    const out: Record<string, OnnxTensor> = {};
    for (const [name, t] of Object.entries(results)) {
      if (t.type !== 'float32' && t.type !== 'int64') throw new Error(`OnnxSession.run: output "${name}" is ${t.type}; only float32 and int64 are read`);
      out[name] = { data: t.data as Float32Array | BigInt64Array, dims: [...t.dims] };
    }
    return out;
  }

  /** Frees the native session; the wrapper must not be used afterwards. */
  async close(): Promise<void> {
    await this.session.release();
  }
}
