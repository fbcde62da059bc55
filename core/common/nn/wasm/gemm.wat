;; Single-precision GEMM in WebAssembly SIMD (f32x4, no relaxed-simd): C[M, N] (+)= A[M, K] · B[K, N],
;; with A optionally stored transposed ([K, M]) and B optionally stored transposed ([N, K]).
;; Compiled to core/common/nn/wasm/gemm-bytes.ts by `npx tsx core/node/tools/build-wasm.ts`;
;; the JavaScript side (core/common/nn/kernels-wasm.ts) copies operands into this memory and back.
;;
;; `gemm` (Goto / BLIS scheme): for each [KC, NC] block of B, pack it into 8-column panels stored
;; k-major (panel[k][0..8)), so the microkernel reads B contiguously; for each [MC, KC] block of A,
;; pack it into 4-row panels stored k-major (panel[k][0..4)). The microkernel keeps a 4×8 tile of C
;; in eight f32x4 accumulators and per k does 2 vector loads of B, 4 broadcasts of A and 8 mul + 8
;; add (no fused multiply-add without relaxed-simd). Packing pads ragged panels with zeros; tiles
;; that stick out of C go through a scratch tile.
;;
;; Why 4×8: V8 on x64 allocates 15 xmm registers, and 8 accumulators + 2 B vectors + 4 broadcasts
;; + 1 product use exactly those. 5×8, 6×8, 3×12 and 2×16 tiles and unrolling k by 2 or 4 measured
;; the same or slower (spills, longer loop bodies); the loop runs at about 20-25 GFLOP/s on Zen 4.
;;
;; Cache blocking (Zen 4: 32 KB L1d, 1 MB L2): a B micro-panel [KC, 8] is 8 KB and stays in L1 while
;; the [MC, KC] packed A block (128 KB) streams from L2; the packed [KC, NC] block of B is 1 MB.
;;
;; `gemmRows` is the path for products of a few rows (matrix-vector at M = 1, e.g. generation):
;; no packing, dot products of contiguous rows (B stored [N, K]) or scaled sums of B's rows.
;;
;; All pointers are byte addresses in this module's memory; leading dimensions are in elements.
;; Caller's memory layout (see kernels-wasm.ts): scratch tile, packA ([MC, KC] floats),
;; packB ([KC, NC] floats), then the operands.

(module
  (memory (export "memory") 1)

  ;; Register tile MR × NR = 4 × 8 and cache blocks MC × KC (A) and KC × NC (B), in elements.
  (global $MC i32 (i32.const 128))
  (global $KC i32 (i32.const 256))
  (global $NC i32 (i32.const 1024))
  (export "MC" (global $MC))
  (export "KC" (global $KC))
  (export "NC" (global $NC))

  ;; Packs the [kc, n] block whose element (k, j) sits at src + 4·(k·ld + j) (rows contiguous
  ;; across j: A stored [K, M], or B stored [K, N]) into panels of w ∈ {4, 8} columns:
  ;; dst[p][k][0..w) = block[k][p·w .. p·w + w), zero-padded past column n.
  (func $packRows (param $src i32) (param $ld i32) (param $kc i32) (param $n i32) (param $w i32) (param $dst i32)
    (local $j0 i32) (local $k i32) (local $jj i32) (local $width i32) (local $row i32) (local $ldBytes i32)
    (local.set $ldBytes (i32.shl (local.get $ld) (i32.const 2)))
    (loop $panels
      (local.set $width (select (local.get $w) (i32.sub (local.get $n) (local.get $j0))
        (i32.ge_s (i32.sub (local.get $n) (local.get $j0)) (local.get $w))))
      (local.set $row (i32.add (local.get $src) (i32.shl (local.get $j0) (i32.const 2))))
      (local.set $k (i32.const 0))
      (if (i32.eq (local.get $width) (local.get $w))
        (then
          ;; Full panel: w/4 vector copies per k.
          (loop $full
            (v128.store (local.get $dst) (v128.load (local.get $row)))
            (if (i32.eq (local.get $w) (i32.const 8))
              (then (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $row)))))
            (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $w) (i32.const 2))))
            (local.set $row (i32.add (local.get $row) (local.get $ldBytes)))
            (br_if $full (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc)))))
        (else
          ;; Ragged last panel: copy `width` columns, zero the rest.
          (loop $ragged
            (local.set $jj (i32.const 0))
            (loop $cols
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $jj) (i32.const 2)))
                (if (result f32) (i32.lt_s (local.get $jj) (local.get $width))
                  (then (f32.load (i32.add (local.get $row) (i32.shl (local.get $jj) (i32.const 2)))))
                  (else (f32.const 0))))
              (br_if $cols (i32.lt_s (local.tee $jj (i32.add (local.get $jj) (i32.const 1))) (local.get $w))))
            (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $w) (i32.const 2))))
            (local.set $row (i32.add (local.get $row) (local.get $ldBytes)))
            (br_if $ragged (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc))))))
      (br_if $panels (i32.lt_s (local.tee $j0 (i32.add (local.get $j0) (local.get $w))) (local.get $n)))))

  ;; Packs the [kc, n] block whose element (k, j) sits at src + 4·(j·ld + k) (rows contiguous
  ;; along k: A stored [M, K], or B stored [N, K]) into the same panels as $packRows: a transpose,
  ;; done as 4×4 register transposes for full groups of 4 columns and 4 k, element by element else.
  (func $packCols (param $src i32) (param $ld i32) (param $kc i32) (param $n i32) (param $w i32) (param $dst i32)
    (local $j0 i32) (local $q i32) (local $k i32) (local $jj i32) (local $ldBytes i32) (local $wBytes i32)
    (local $p i32) (local $out i32) (local $kc4 i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $ldBytes (i32.shl (local.get $ld) (i32.const 2)))
    (local.set $wBytes (i32.shl (local.get $w) (i32.const 2)))
    (local.set $kc4 (i32.and (local.get $kc) (i32.const -4)))
    (loop $panels
      ;; Groups q = 0, 4, … of 4 columns inside the panel starting at column j0.
      (local.set $q (i32.const 0))
      (loop $groups
        (if (i32.le_s (i32.add (i32.add (local.get $j0) (local.get $q)) (i32.const 4)) (local.get $n))
          (then
            ;; p → element (k = 0, j = j0 + q); out → dst[k = 0][q].
            (local.set $p (i32.add (local.get $src)
              (i32.mul (i32.add (local.get $j0) (local.get $q)) (local.get $ldBytes))))
            (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $q) (i32.const 2))))
            (local.set $k (i32.const 0))
            (block $done4
              (br_if $done4 (i32.eqz (local.get $kc4)))
              (loop $by4
                ;; r_i = B(k..k+3, j0+q+i); after the transpose t_i = B(k+i, j0+q..j0+q+3).
                (local.set $r0 (v128.load (local.get $p)))
                (local.set $r1 (v128.load (i32.add (local.get $p) (local.get $ldBytes))))
                (local.set $r2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $ldBytes) (i32.const 1)))))
                (local.set $r3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $ldBytes) (i32.const 3)))))
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                (v128.store (local.get $out)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (local.set $out (i32.add (local.get $out) (local.get $wBytes)))
                (v128.store (local.get $out)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (local.set $out (i32.add (local.get $out) (local.get $wBytes)))
                (v128.store (local.get $out)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (local.set $out (i32.add (local.get $out) (local.get $wBytes)))
                (v128.store (local.get $out)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $out (i32.add (local.get $out) (local.get $wBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br_if $by4 (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 4))) (local.get $kc4)))))
            ;; The last kc mod 4 values of k, one at a time.
            (block $doneTail
              (br_if $doneTail (i32.ge_s (local.get $k) (local.get $kc)))
              (loop $tail
                (local.set $jj (i32.const 0))
                (loop $four
                  (f32.store (i32.add (local.get $out) (i32.shl (local.get $jj) (i32.const 2)))
                    (f32.load (i32.add (local.get $p) (i32.mul (local.get $jj) (local.get $ldBytes)))))
                  (br_if $four (i32.lt_s (local.tee $jj (i32.add (local.get $jj) (i32.const 1))) (i32.const 4))))
                (local.set $out (i32.add (local.get $out) (local.get $wBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br_if $tail (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc))))))
          (else
            ;; Columns j0+q .. j0+q+3 reach past n: copy those below n, zero the rest.
            (local.set $k (i32.const 0))
            (loop $ragged
              (local.set $jj (i32.const 0))
              (loop $four
                (f32.store
                  (i32.add (local.get $dst)
                    (i32.shl (i32.add (i32.mul (local.get $k) (local.get $w)) (i32.add (local.get $q) (local.get $jj))) (i32.const 2)))
                  (if (result f32) (i32.lt_s (i32.add (i32.add (local.get $j0) (local.get $q)) (local.get $jj)) (local.get $n))
                    (then (f32.load (i32.add (local.get $src)
                      (i32.add
                        (i32.mul (i32.add (i32.add (local.get $j0) (local.get $q)) (local.get $jj)) (local.get $ldBytes))
                        (i32.shl (local.get $k) (i32.const 2))))))
                    (else (f32.const 0))))
                (br_if $four (i32.lt_s (local.tee $jj (i32.add (local.get $jj) (i32.const 1))) (i32.const 4))))
              (br_if $ragged (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc))))))
        (br_if $groups (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 4))) (local.get $w))))
      (local.set $dst (i32.add (local.get $dst) (i32.mul (local.get $kc) (local.get $wBytes))))
      (br_if $panels (i32.lt_s (local.tee $j0 (i32.add (local.get $j0) (local.get $w))) (local.get $n)))))

  ;; The 4×8 microkernel: C[4, 8] (+)= Σ_k a[k][0..4)ᵀ · b[k][0..8) over kc ≥ 1 packed steps.
  ;; a: packed A panel (16 bytes per k), b: packed B panel (32 bytes per k), c: row 0 of the tile,
  ;; ldc: bytes between rows of C. Accumulators cRJ hold row R, columns 4J .. 4J+3.
  (func $micro (param $kc i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (loop $k
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $x (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=4 (local.get $a)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=8 (local.get $a)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=12 (local.get $a)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    (if (local.get $acc)
      (then
        (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $c))))
        (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
        (local.set $c10 (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c20 (f32x4.add (local.get $c20) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c30 (f32x4.add (local.get $c30) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
        (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; Copies (or adds, when acc) the top-left [mr, nr] of a 4×8 scratch tile (rows 32 bytes apart) into C.
  (func $storeEdge (param $tile i32) (param $c i32) (param $ldc i32) (param $mr i32) (param $nr i32) (param $acc i32)
    (local $r i32) (local $j i32) (local $src i32) (local $dst i32)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $src (i32.add (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $dst (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))) (i32.shl (local.get $j) (i32.const 2))))
        (f32.store (local.get $dst)
          (select
            (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src)))
            (f32.load (local.get $src))
            (local.get $acc)))
        (br_if $cols (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nr))))
      (br_if $rows (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $mr)))))

  ;; Sum of the four lanes of v.
  (func $hsum (param $v v128) (result f32)
    (local.set $v (f32x4.add (local.get $v) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
    (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v))))

  ;; Few-row product with B stored [N, K] (matrix-vector for M = 1): C[i, j] (+)= A[i, :] · B[j, :],
  ;; dot products of contiguous rows with no packing. Four columns at a time: accumulator sQ holds
  ;; partial sums of column j+Q over k ≡ 0..3 (mod 4); a 4×4 transpose-add turns them into one
  ;; vector [Σs0, Σs1, Σs2, Σs3]. Pointers are bytes, leading dimensions elements.
  (func $dotRows (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $lda i32)
    (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $K4 i32) (local $ldbBytes i32)
    (local $aRow i32) (local $cRow i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $r v128)
    (local $t0 f32) (local $t1 f32) (local $t2 f32) (local $t3 f32) (local $xs f32)
    (local.set $K4 (i32.and (local.get $K) (i32.const -4)))
    (local.set $ldbBytes (i32.shl (local.get $ldb) (i32.const 2)))
    (loop $rows
      (local.set $aRow (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $lda)) (i32.const 2))))
      (local.set $cRow (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $ldc)) (i32.const 2))))
      (local.set $j (i32.const 0))
      ;; Groups of four columns.
      (block $groupsDone
        (loop $groups
          (br_if $groupsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $N)))
          (local.set $p0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $ldbBytes))))
          (local.set $p1 (i32.add (local.get $p0) (local.get $ldbBytes)))
          (local.set $p2 (i32.add (local.get $p1) (local.get $ldbBytes)))
          (local.set $p3 (i32.add (local.get $p2) (local.get $ldbBytes)))
          (local.set $s0 (v128.const i32x4 0 0 0 0))
          (local.set $s1 (v128.const i32x4 0 0 0 0))
          (local.set $s2 (v128.const i32x4 0 0 0 0))
          (local.set $s3 (v128.const i32x4 0 0 0 0))
          (local.set $k (i32.const 0))
          (block $vecDone
            (loop $vec
              (br_if $vecDone (i32.ge_s (local.get $k) (local.get $K4)))
              (local.set $x (v128.load (i32.add (local.get $aRow) (i32.shl (local.get $k) (i32.const 2)))))
              (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $x) (v128.load (local.get $p0)))))
              (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $x) (v128.load (local.get $p1)))))
              (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $x) (v128.load (local.get $p2)))))
              (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $x) (v128.load (local.get $p3)))))
              (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
              (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
              (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
              (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
              (local.set $k (i32.add (local.get $k) (i32.const 4)))
              (br $vec)))
          ;; [s0a+s0c, s1a+s1c, s0b+s0d, s1b+s1d] and likewise for s2, s3; then lanes (0,1)+(2,3).
          (local.set $s0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s0) (local.get $s1))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s0) (local.get $s1))))
          (local.set $s2 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s2) (local.get $s3))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s2) (local.get $s3))))
          (local.set $r (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s0) (local.get $s2))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s0) (local.get $s2))))
          ;; The last K mod 4 terms, scalar.
          (local.set $t0 (f32.const 0)) (local.set $t1 (f32.const 0)) (local.set $t2 (f32.const 0)) (local.set $t3 (f32.const 0))
          (block $tailDone
            (loop $tail
              (br_if $tailDone (i32.ge_s (local.get $k) (local.get $K)))
              (local.set $xs (f32.load (i32.add (local.get $aRow) (i32.shl (local.get $k) (i32.const 2)))))
              (local.set $t0 (f32.add (local.get $t0) (f32.mul (local.get $xs) (f32.load (local.get $p0)))))
              (local.set $t1 (f32.add (local.get $t1) (f32.mul (local.get $xs) (f32.load (local.get $p1)))))
              (local.set $t2 (f32.add (local.get $t2) (f32.mul (local.get $xs) (f32.load (local.get $p2)))))
              (local.set $t3 (f32.add (local.get $t3) (f32.mul (local.get $xs) (f32.load (local.get $p3)))))
              (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
              (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
              (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
              (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $tail)))
          (local.set $r (f32x4.add (local.get $r)
            (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (local.get $t0))
              (local.get $t1)) (local.get $t2)) (local.get $t3))))
          (local.set $p0 (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
          (if (local.get $acc) (then (local.set $r (f32x4.add (local.get $r) (v128.load (local.get $p0))))))
          (v128.store (local.get $p0) (local.get $r))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $groups)))
      ;; The last N mod 4 columns one at a time.
      (block $colsDone
        (loop $cols
          (br_if $colsDone (i32.ge_s (local.get $j) (local.get $N)))
          (local.set $p0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $ldbBytes))))
          (local.set $s0 (v128.const i32x4 0 0 0 0))
          (local.set $k (i32.const 0))
          (block $vecDone
            (loop $vec
              (br_if $vecDone (i32.ge_s (local.get $k) (local.get $K4)))
              (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul
                (v128.load (i32.add (local.get $aRow) (i32.shl (local.get $k) (i32.const 2))))
                (v128.load (local.get $p0)))))
              (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
              (local.set $k (i32.add (local.get $k) (i32.const 4)))
              (br $vec)))
          (local.set $t0 (call $hsum (local.get $s0)))
          (block $tailDone
            (loop $tail
              (br_if $tailDone (i32.ge_s (local.get $k) (local.get $K)))
              (local.set $t0 (f32.add (local.get $t0) (f32.mul
                (f32.load (i32.add (local.get $aRow) (i32.shl (local.get $k) (i32.const 2))))
                (f32.load (local.get $p0)))))
              (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $tail)))
          (local.set $p0 (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
          (if (local.get $acc) (then (local.set $t0 (f32.add (local.get $t0) (f32.load (local.get $p0))))))
          (f32.store (local.get $p0) (local.get $t0))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
      (br_if $rows (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $M)))))

  ;; Few-row product with B stored [K, N]: C[i, :] (+)= Σ_k A(i, k) · B[k, :], A(i, k) at
  ;; a + 4·(i·sai + k·sak) (so A may be stored [M, K] or [K, M]). Sixteen columns of C at a time in
  ;; four accumulators, then four, then one; no packing.
  (func $axpyRows (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $sai i32) (param $sak i32)
    (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $w i32) (local $ldbBytes i32) (local $sakBytes i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $ldbBytes (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $sakBytes (i32.shl (local.get $sak) (i32.const 2)))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $chunks
        ;; Chunk width w: 16 while it fits, then 4, then 1 (the 1-wide chunk uses lane 0 only).
        (local.set $w (select (i32.const 16)
          (select (i32.const 4) (i32.const 1) (i32.ge_s (i32.sub (local.get $N) (local.get $j)) (i32.const 4)))
          (i32.ge_s (i32.sub (local.get $N) (local.get $j)) (i32.const 16))))
        (local.set $pa (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $sai)) (i32.const 2))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $s0 (v128.const i32x4 0 0 0 0))
        (local.set $s1 (v128.const i32x4 0 0 0 0))
        (local.set $s2 (v128.const i32x4 0 0 0 0))
        (local.set $s3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (if (i32.eq (local.get $w) (i32.const 16))
          (then
            (loop $k16
              (local.set $x (v128.load32_splat (local.get $pa)))
              (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $x) (v128.load (local.get $pb)))))
              (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $pb)))))
              (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $pb)))))
              (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $x) (v128.load offset=48 (local.get $pb)))))
              (local.set $pa (i32.add (local.get $pa) (local.get $sakBytes)))
              (local.set $pb (i32.add (local.get $pb) (local.get $ldbBytes)))
              (br_if $k16 (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $K)))))
          (else (if (i32.eq (local.get $w) (i32.const 4))
            (then
              (loop $k4
                (local.set $s0 (f32x4.add (local.get $s0)
                  (f32x4.mul (v128.load32_splat (local.get $pa)) (v128.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sakBytes)))
                (local.set $pb (i32.add (local.get $pb) (local.get $ldbBytes)))
                (br_if $k4 (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $K)))))
            (else
              (loop $k1
                (local.set $s0 (f32x4.add (local.get $s0)
                  (f32x4.mul (v128.load32_splat (local.get $pa)) (v128.load32_zero (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sakBytes)))
                (local.set $pb (i32.add (local.get $pb) (local.get $ldbBytes)))
                (br_if $k1 (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $K))))))))
        (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 2))))
        (if (i32.eq (local.get $w) (i32.const 1))
          (then (f32.store (local.get $pc) (f32.add (f32x4.extract_lane 0 (local.get $s0))
            (select (f32.load (local.get $pc)) (f32.const 0) (local.get $acc)))))
          (else
            (if (local.get $acc) (then
              (local.set $s0 (f32x4.add (local.get $s0) (v128.load (local.get $pc))))
              (if (i32.eq (local.get $w) (i32.const 16)) (then
                (local.set $s1 (f32x4.add (local.get $s1) (v128.load offset=16 (local.get $pc))))
                (local.set $s2 (f32x4.add (local.get $s2) (v128.load offset=32 (local.get $pc))))
                (local.set $s3 (f32x4.add (local.get $s3) (v128.load offset=48 (local.get $pc))))))))
            (v128.store (local.get $pc) (local.get $s0))
            (if (i32.eq (local.get $w) (i32.const 16)) (then
              (v128.store offset=16 (local.get $pc) (local.get $s1))
              (v128.store offset=32 (local.get $pc) (local.get $s2))
              (v128.store offset=48 (local.get $pc) (local.get $s3))))))
        (br_if $chunks (i32.lt_s (local.tee $j (i32.add (local.get $j) (local.get $w))) (local.get $N))))
      (br_if $rows (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $M)))))

  ;; Row-by-row product (no packing) for few rows, exported for the caller's choice of path:
  ;; transB = 1 → $dotRows (A must be stored [M, K]); else $axpyRows with A stored [K, M] if transA.
  (func (export "gemmRows")
    (param $transA i32) (param $transB i32) (param $M i32) (param $N i32) (param $K i32)
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $acc i32)
    (if (local.get $transB)
      (then (call $dotRows (local.get $M) (local.get $N) (local.get $K) (local.get $a) (local.get $lda)
        (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $acc)))
      (else (call $axpyRows (local.get $M) (local.get $N) (local.get $K) (local.get $a)
        (select (i32.const 1) (local.get $lda) (local.get $transA))
        (select (local.get $lda) (i32.const 1) (local.get $transA))
        (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $acc)))))

  ;; C[M, N] (+)= op(A) · op(B) with op(A)(i, k) = transA ? A[k, i] : A[i, k] and
  ;; op(B)(k, j) = transB ? B[j, k] : B[k, j]; M, N, K ≥ 1. a, b, c are byte addresses of element
  ;; (0, 0) of each stored matrix; lda, ldb, ldc are in elements. work: scratch tile (128 bytes),
  ;; then packA (MC·KC floats), then packB (KC·NC floats).
  (func (export "gemm")
    (param $transA i32) (param $transB i32) (param $M i32) (param $N i32) (param $K i32)
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $acc i32) (param $work i32)
    (local $tile i32) (local $packA i32) (local $packB i32)
    (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $ic i32) (local $mc i32)
    (local $jr i32) (local $nr i32) (local $ir i32) (local $mr i32) (local $accBlock i32)
    (local $ldcBytes i32) (local $src i32) (local $cTile i32)
    (local.set $tile (local.get $work))
    (local.set $packA (i32.add (local.get $work) (i32.const 128)))
    (local.set $packB (i32.add (local.get $packA) (i32.shl (i32.mul (global.get $MC) (global.get $KC)) (i32.const 2))))
    (local.set $ldcBytes (i32.shl (local.get $ldc) (i32.const 2)))
    (loop $jcLoop
      (local.set $nc (select (global.get $NC) (i32.sub (local.get $N) (local.get $jc))
        (i32.ge_s (i32.sub (local.get $N) (local.get $jc)) (global.get $NC))))
      (local.set $pc (i32.const 0))
      (loop $pcLoop
        (local.set $kc (select (global.get $KC) (i32.sub (local.get $K) (local.get $pc))
          (i32.ge_s (i32.sub (local.get $K) (local.get $pc)) (global.get $KC))))
        ;; B block: op(B)(pc .. pc+kc, jc .. jc+nc) into 8-column panels.
        (if (local.get $transB)
          (then (call $packCols
            (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $jc) (local.get $ldb)) (local.get $pc)) (i32.const 2)))
            (local.get $ldb) (local.get $kc) (local.get $nc) (i32.const 8) (local.get $packB)))
          (else (call $packRows
            (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $pc) (local.get $ldb)) (local.get $jc)) (i32.const 2)))
            (local.get $ldb) (local.get $kc) (local.get $nc) (i32.const 8) (local.get $packB))))
        ;; Later K blocks always add to what the first one wrote.
        (local.set $accBlock (i32.or (local.get $acc) (i32.ne (local.get $pc) (i32.const 0))))
        (local.set $ic (i32.const 0))
        (loop $icLoop
          (local.set $mc (select (global.get $MC) (i32.sub (local.get $M) (local.get $ic))
            (i32.ge_s (i32.sub (local.get $M) (local.get $ic)) (global.get $MC))))
          ;; A block: op(A)(ic .. ic+mc, pc .. pc+kc) into 4-row panels.
          (if (local.get $transA)
            (then (call $packRows
              (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $pc) (local.get $lda)) (local.get $ic)) (i32.const 2)))
              (local.get $lda) (local.get $kc) (local.get $mc) (i32.const 4) (local.get $packA)))
            (else (call $packCols
              (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $ic) (local.get $lda)) (local.get $pc)) (i32.const 2)))
              (local.get $lda) (local.get $kc) (local.get $mc) (i32.const 4) (local.get $packA))))
          (local.set $jr (i32.const 0))
          (loop $jrLoop
            (local.set $nr (select (i32.const 8) (i32.sub (local.get $nc) (local.get $jr))
              (i32.ge_s (i32.sub (local.get $nc) (local.get $jr)) (i32.const 8))))
            (local.set $ir (i32.const 0))
            (loop $irLoop
              (local.set $mr (select (i32.const 4) (i32.sub (local.get $mc) (local.get $ir))
                (i32.ge_s (i32.sub (local.get $mc) (local.get $ir)) (i32.const 4))))
              ;; Tile C(ic+ir .., jc+jr ..); packed panels: A at ir·kc floats, B at jr·kc floats.
              (local.set $cTile (i32.add (local.get $c)
                (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $ldcBytes))
                  (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 2)))))
              (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
                (then (call $micro (local.get $kc)
                  (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                  (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                  (local.get $cTile) (local.get $ldcBytes) (local.get $accBlock)))
                (else
                  (call $micro (local.get $kc)
                    (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                    (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                    (local.get $tile) (i32.const 32) (i32.const 0))
                  (call $storeEdge (local.get $tile) (local.get $cTile) (local.get $ldcBytes)
                    (local.get $mr) (local.get $nr) (local.get $accBlock))))
              (br_if $irLoop (i32.lt_s (local.tee $ir (i32.add (local.get $ir) (i32.const 4))) (local.get $mc))))
            (br_if $jrLoop (i32.lt_s (local.tee $jr (i32.add (local.get $jr) (i32.const 8))) (local.get $nc))))
          (br_if $icLoop (i32.lt_s (local.tee $ic (i32.add (local.get $ic) (global.get $MC))) (local.get $M))))
        (br_if $pcLoop (i32.lt_s (local.tee $pc (i32.add (local.get $pc) (global.get $KC))) (local.get $K))))
      (br_if $jcLoop (i32.lt_s (local.tee $jc (i32.add (local.get $jc) (global.get $NC))) (local.get $N)))))
)
