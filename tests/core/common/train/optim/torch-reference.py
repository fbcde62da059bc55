# Regenerates the reference numbers in torch-reference.ts (never run by the tests).
# Run: /usr/bin/python3 tests/core/common/train/optim/torch-reference.py  (Debian's python3-torch)
# and paste the printed TypeScript over the CASES constant.
import torch

torch.set_default_dtype(torch.float64)

INITIAL = [[0.5, -1.2, 2.0, 0.0], [0.3, -0.7, 1.5]]
STEPS = 5


def grad(theta, k, i, t):
    # must match referenceGrad() in torch-reference.ts
    return 0.5 * theta + (((3 * i + 5 * t + 2 * k) % 7) - 3) / 4


def lr_at(t):
    return 0.05 if t % 2 == 1 else 0.1


CASES = [
    ('sgd plain, weight decay', 'sgd', dict(weight_decay=0.1), {'kind': 'sgd', 'weightDecay': 0.1}),
    ('sgd momentum', 'sgd', dict(momentum=0.9), {'kind': 'sgd', 'momentum': 0.9}),
    ('sgd momentum, dampening, weight decay', 'sgd', dict(momentum=0.9, dampening=0.5, weight_decay=0.01),
     {'kind': 'sgd', 'momentum': 0.9, 'dampening': 0.5, 'weightDecay': 0.01}),
    ('sgd nesterov, weight decay', 'sgd', dict(momentum=0.9, nesterov=True, weight_decay=0.01),
     {'kind': 'sgd', 'momentum': 0.9, 'nesterov': True, 'weightDecay': 0.01}),
    ('adam defaults', 'adam', dict(), {'kind': 'adam'}),
    ('adam betas, eps, L2 weight decay', 'adam', dict(betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
     {'kind': 'adam', 'betas': [0.8, 0.99], 'eps': 1e-6, 'weightDecay': 0.1}),
    ('adamw defaults', 'adamw', dict(), {'kind': 'adamw'}),
    ('adamw weight decay 0.1', 'adamw', dict(weight_decay=0.1), {'kind': 'adamw', 'weightDecay': 0.1}),
    ('rmsprop defaults', 'rmsprop', dict(), {'kind': 'rmsprop'}),
    ('rmsprop momentum', 'rmsprop', dict(momentum=0.5), {'kind': 'rmsprop', 'momentum': 0.5}),
    ('rmsprop centered', 'rmsprop', dict(centered=True), {'kind': 'rmsprop', 'centered': True}),
    ('rmsprop centered, momentum, alpha, weight decay', 'rmsprop',
     dict(centered=True, momentum=0.5, alpha=0.9, weight_decay=0.1),
     {'kind': 'rmsprop', 'centered': True, 'momentum': 0.5, 'alpha': 0.9, 'weightDecay': 0.1}),
    ('adagrad defaults', 'adagrad', dict(), {'kind': 'adagrad'}),
    ('adagrad lr decay, weight decay, initial accumulator', 'adagrad',
     dict(lr_decay=0.1, weight_decay=0.05, initial_accumulator_value=0.2),
     {'kind': 'adagrad', 'lrDecay': 0.1, 'weightDecay': 0.05, 'initialAccumulatorValue': 0.2}),
]

CLASSES = {'sgd': torch.optim.SGD, 'adam': torch.optim.Adam, 'adamw': torch.optim.AdamW,
           'rmsprop': torch.optim.RMSprop, 'adagrad': torch.optim.Adagrad}


def ts(value):
    # a TypeScript literal in the repo's style: single quotes, unquoted keys
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, str):
        return "'" + value + "'"
    if isinstance(value, dict):
        return '{ ' + ', '.join(f'{k}: {ts(v)}' for k, v in value.items()) + ' }'
    if isinstance(value, (list, tuple)):
        return '[' + ', '.join(ts(v) for v in value) + ']'
    return repr(value)


def run(kind, kwargs):
    params = [torch.nn.Parameter(torch.tensor(v)) for v in INITIAL]
    opt = CLASSES[kind](params, lr=lr_at(1), **kwargs)
    after = []
    for t in range(1, STEPS + 1):
        for group in opt.param_groups:
            group['lr'] = lr_at(t)
        for k, p in enumerate(params):
            p.grad = torch.tensor([grad(float(p[i]), k, i, t) for i in range(p.numel())])
        opt.step()
        after.append([p.detach().tolist() for p in params])
    return after


print(f'// torch {torch.__version__}, float64')
print('export const CASES: readonly ReferenceCase[] = [')
for name, kind, kwargs, config in CASES:
    after = run(kind, kwargs)
    print(f'  {{\n    name: {ts(name)},\n    config: {ts(config)},')
    print(f'    afterStep1: {ts(after[0])},')
    print(f'    afterLastStep: {ts(after[-1])},\n  }},')
print('];')
