package org.ropebounds.real;

/**
 * 2^(j/64) - 1 for j = -64 .. 64 as double-doubles, the reduction table of {@link DoubleDoubleKernels}' exp and
 * expm1: {@code HI[j + 64]} = RN(D), {@code LO[j + 64]} = RN(D - HI), and {@code ERR[j + 64]} bounds
 * |D - HI - LO| (rounded up), D = 2^(j/64) - 1. Written out (computing them at class initialisation would run
 * BigInteger kernels at start-up); generated from 300-bit python-flint balls by {@code
 * src/test/python/gen_dd_exp_table.py}, and {@code ExpTableTest} checks every entry against the committed fixture
 * and against 320-bit enclosures of ropebounds' own. Never written to.
 */
final class ExpTable {
    /** The table's step is 2^(1/STEPS): entries j = -STEPS .. STEPS. */
    static final int STEPS = 64;

    private ExpTable() {
    }

    static final double[] HI = {
            -0x1.0000000000000p-1, -0x1.fa6cb8310ff3ep-2, -0x1.f4c9e59d4f518p-2, -0x1.ef175cf14c870p-2,
            -0x1.e954f260cede1p-2, -0x1.e38279a585cbcp-2, -0x1.dd9fc5fdb495fp-2, -0x1.d7acaa2ada441p-2,
            -0x1.d1a8f87055d0ap-2, -0x1.cb94829206916p-2, -0x1.c56f19d2e8cabp-2, -0x1.bf388ef3ae654p-2,
            -0x1.b8f0b23153b8fp-2, -0x1.b2975343b0646p-2, -0x1.ac2c415c0423ep-2, -0x1.a5af4b237f9e9p-2,
            -0x1.9f203eb9c91d6p-2, -0x1.987ee9b37d201p-2, -0x1.91cb1918aac6bp-2, -0x1.8b0499634c012p-2,
            -0x1.842b367db97bcp-2, -0x1.7d3ebbc11a3acp-2, -0x1.763ef3f3ceda6p-2, -0x1.6f2ba947d8660p-2,
            -0x1.6804a5593abb2p-2, -0x1.60c9b12c5a6b3p-2, -0x1.597a952c560fcp-2, -0x1.521719295b04bp-2,
            -0x1.4a9f0456f57adp-2, -0x1.43121d4a5bd6fp-2, -0x1.3b7029f8b54f7p-2, -0x1.33b8efb55bbb7p-2,
            -0x1.2bec333018867p-2, -0x1.2409b8735cba2p-2, -0x1.1c1142e274118p-2, -0x1.14029537b306fp-2,
            -0x1.0bdd71829fcf2p-2, -0x1.03a199261633cp-2, -0x1.f69d99accc7b6p-3, -0x1.e5c9992edb44ep-3,
            -0x1.d4c6af7557c93p-3, -0x1.c39459baa2327p-3, -0x1.b23213cc8e86cp-3, -0x1.a09f58086c6c2p-3,
            -0x1.8edb9f5703dc0p-3, -0x1.7ce6612886a6dp-3, -0x1.6abf137076a8ep-3, -0x1.58652aa180903p-3,
            -0x1.45d819a94b14bp-3, -0x1.331751ec3a814p-3, -0x1.20224341286e4p-3, -0x1.0cf85bed0f8b7p-3,
            -0x1.f332113d56b1fp-4, -0x1.cc0768d4175a6p-4, -0x1.a46f918837cb7p-4, -0x1.7c695afc3b424p-4,
            -0x1.53f391822dbc7p-4, -0x1.2b0cfe1266bd4p-4, -0x1.01b466423250ap-4, -0x1.afd11874c009ep-5,
            -0x1.5b505d5b6f268p-5, -0x1.05e4119ea5d89p-5, -0x1.5f134923757f3p-6, -0x1.60f9f985bc9f4p-7,
            0x0.0p+0, 0x1.64d1f3bc03077p-7, 0x1.66c34c5615d0fp-6, 0x1.0e8a30eb37901p-5,
            0x1.6ab0d9f3121ecp-5, 0x1.c7d865a7a3440p-5, 0x1.1301d0125b50ap-4, 0x1.429aaea92ddfbp-4,
            0x1.72b83c7d517aep-4, 0x1.a35beb6fcb754p-4, 0x1.d4873168b9aa8p-4, 0x1.031dc431466b2p-3,
            0x1.1c3d373ab11c3p-3, 0x1.35a2b2f13e6e9p-3, 0x1.4f4efa8fef709p-3, 0x1.6942d3720185ap-3,
            0x1.837f0518db8a9p-3, 0x1.9e0459320b7fap-3, 0x1.b8d39b9d54e55p-3, 0x1.d3ed9a72cffb7p-3,
            0x1.ef5326091a112p-3, 0x1.0582887dcb8a8p-2, 0x1.13821818624b4p-2, 0x1.21a8ad704f340p-2,
            0x1.2ff6b54d8a89cp-2, 0x1.3e6c9da74b29bp-2, 0x1.4d0ad5a753e07p-2, 0x1.5bd1cdad49f6ap-2,
            0x1.6ac1f752150a5p-2, 0x1.79dbc56b48522p-2, 0x1.891fac0e95613p-2, 0x1.988e209548892p-2,
            0x1.a827999fcef32p-2, 0x1.b7ec8f19468bcp-2, 0x1.c7dd7a3b17dcfp-2, 0x1.d7fad59099f23p-2,
            0x1.e8451cfac061bp-2, 0x1.f8bccdb3d3988p-2, 0x1.04b1332999c25p-1, 0x1.0d1b3368925d9p-1,
            0x1.159ca845541b7p-1, 0x1.1e35d322aee6cp-1, 0x1.26e6f619b8bcap-1, 0x1.2fb053fbc9c9fp-1,
            0x1.389230547e120p-1, 0x1.418ccf6bbcac9p-1, 0x1.4aa07647c4ab9p-1, 0x1.53cd6aaf3fb7fp-1,
            0x1.5d13f32b5a75bp-1, 0x1.66745709e2bf6p-1, 0x1.6feede5f6bc8ep-1, 0x1.7983d209783a4p-1,
            0x1.83337bb0aa538p-1, 0x1.8cfe25cafa297p-1, 0x1.96e41b9df20d2p-1, 0x1.a0e5a940f12f7p-1,
            0x1.ab031b9f7490ep-1, 0x1.b53cc07b6650bp-1, 0x1.bf92e66f736bdp-1, 0x1.ca05dcf167fecp-1,
            0x1.d495f454921b3p-1, 0x1.df437dcc2b44fp-1, 0x1.ea0ecb6dc8a81p-1, 0x1.f4f83033d21b0p-1,
            0x1.0000000000000p+0
    };
    static final double[] LO = {
            0x0.0p+0, -0x1.19083535b085dp-57, 0x1.d73e2a475b465p-56, 0x1.186be4bb284ffp-58,
            -0x1.d6746d48e7bd5p-57, 0x1.03a1727c57b53p-60, 0x1.275df8d76c98cp-56, 0x1.9a080ca1d92c3p-56,
            -0x1.19041b9d78a76p-56, 0x1.e5b4c7b4968e4p-56, -0x1.fe91ff5d9bc3ep-59, 0x1.dc775814a8495p-56,
            -0x1.93e0524e3ea35p-57, 0x1.2bd339940e9d9p-56, 0x1.612e8afad1255p-56, -0x1.ffb7156497c56p-56,
            0x1.6f46ad23182e4p-56, -0x1.9b1bcf7934cb5p-56, 0x1.38a2a817a2a3dp-56, -0x1.5e436d661f5e3p-57,
            0x1.ada0911f09ebcp-56, -0x1.ef3691c309278p-59, 0x1.89b7a04ef80d0p-60, 0x1.3c1a3b69062f0p-57,
            0x1.d4397afec42e2p-57, 0x1.699ec5b4d503ap-56, -0x1.07abe1db13cadp-56, -0x1.9134ffb89b14cp-57,
            -0x1.39b67f57370a6p-56, -0x1.1641b3dfc668ap-57, 0x1.8f87d037e96d2p-56, 0x1.127d9e29b8f31p-57,
            0x1.08b2fb1366ea9p-57, -0x1.bbe3a683c88abp-58, -0x1.16e4786887a99p-56, 0x1.fb74d519d2459p-56,
            -0x1.41577ee04992fp-56, 0x1.05d02ba15797ep-57, 0x1.59f115f566940p-58, 0x1.c83b21584a2e1p-62,
            0x1.ba7c55a192c9cp-57, -0x1.467d8ba38d128p-57, -0x1.75fc781b57ebcp-58, 0x1.73d241f23d17bp-58,
            0x1.c7c46b071f2bep-57, -0x1.aca4ae8e6a997p-58, 0x1.684892395f0f8p-58, 0x1.f5921deffa626p-60,
            0x1.e8734d1773206p-57, -0x1.2805e3084d708p-58, -0x1.5584f7e54ac3bp-57, -0x1.b845f0ba4c2f7p-57,
            0x1.1065895048dd3p-60, 0x1.4426ffa41e566p-58, -0x1.5f8685c2d6c49p-58, 0x1.a1e45e4342b1cp-58,
            0x1.76816bad9b837p-59, -0x1.ee7fcb492566dp-58, -0x1.a5cd4f184b5b9p-59, 0x1.cf44c054e647ap-59,
            0x1.63dce863d76ccp-59, 0x1.c7f486a4b6b08p-59, -0x1.60f6913af3a8ap-62, -0x1.6f5818b4d9c3ep-61,
            0x0.0p+0, 0x1.bdf2b293de8a7p-62, -0x1.183ab7149735cp-60, 0x1.86be4bb284ff4p-61,
            0x1.4c5c95b8c2155p-59, 0x1.03a1727c57b53p-59, 0x1.3aefc6bb64c63p-58, 0x1.a080ca1d92c37p-59,
            -0x1.9041b9d78a75bp-59, -0x1.a4b384b6971bep-59, -0x1.fe91ff5d9bc3ep-58, -0x1.1c453f5abdb59p-58,
            0x1.b07eb6c70572dp-58, 0x1.5e99cca074ec9p-58, 0x1.84ba2beb44954p-57, 0x1.23aa6da0ea709p-65,
            0x1.bd1ab48c60b91p-57, 0x1.9390c21b2cd2dp-57, 0x1.c51540bd151e6p-58, 0x1.43792533c143ap-57,
            -0x1.497dbb83d8512p-57, -0x1.ef3691c309278p-58, 0x1.89b7a04ef80d0p-59, 0x1.3c1a3b69062f0p-56,
            0x1.d4397afec42e2p-56, -0x1.2cc2749655f8cp-56, 0x1.f0a83c49d86a6p-56, -0x1.9134ffb89b14cp-56,
            0x1.8c93015191eb3p-56, -0x1.1641b3dfc668ap-56, -0x1.c1e0bf205a4b8p-57, 0x1.127d9e29b8f31p-56,
            0x1.08b2fb1366ea9p-56, -0x1.bbe3a683c88abp-57, 0x1.d2370f2ef0acdp-56, -0x1.22cab98b6e9b2p-61,
            0x1.7d51023f6cda2p-56, 0x1.05d02ba15797ep-56, 0x1.59f115f566940p-57, 0x1.c83b21584a2e1p-61,
            -0x1.22c1d52f369b2p-55, 0x1.5cc13a2e3976cp-55, -0x1.75fc781b57ebcp-57, 0x1.73d241f23d17bp-57,
            0x1.c7c46b071f2bep-56, 0x1.94d6d45c6559ap-55, 0x1.684892395f0f8p-57, -0x1.e0a6de210059ep-55,
            -0x1.0bc65974466fdp-55, -0x1.2805e3084d708p-57, -0x1.5584f7e54ac3bp-56, 0x1.23dd07a2d9e84p-55,
            0x1.11065895048ddp-55, -0x1.aef64016f86a6p-55, 0x1.503cbd1e949dbp-56, 0x1.a1e45e4342b1cp-57,
            0x1.2ed02d75b3707p-55, -0x1.ee7fcb492566dp-57, 0x1.cb46561cf6949p-55, 0x1.39e8980a9cc8fp-55,
            0x1.63dce863d76ccp-58, -0x1.1c05bcada4a7cp-57, -0x1.8b07b489d79d4p-56, 0x1.74853f3a5931ep-55,
            0x0.0p+0
    };
    static final double[] ERR = {
            0x0.0p+0, 0x1.9085b0a3d74d6p-111, 0x1.05ff94f8d257ep-111, 0x1.15820d96b414fp-112,
            0x1.9f26f5bafdd31p-111, 0x1.5aa76994e9ddbp-114, 0x1.9d58b988f562dp-110, 0x1.a0308967137d5p-110,
            0x1.4f2406aa13ff0p-110, 0x1.ad36183926ae8p-112, 0x1.59d2f77e46e7bp-115, 0x1.781dbc16f1ea4p-112,
            0x1.64ec0ca159a41p-111, 0x1.277393a461b78p-111, 0x1.de54485604691p-112, 0x1.ee9d8f8cb9307p-111,
            0x1.7b7b2f09cd0d9p-111, 0x1.7f2ba2b26072bp-110, 0x1.e0707b6ba5019p-111, 0x1.9b0b1ff17c297p-112,
            0x1.808ba68fa8fb8p-110, 0x1.32b43eafc6518p-115, 0x1.0ac312de3d922p-115, 0x1.e1eebae743ac0p-112,
            0x1.c06c7745c2b39p-114, 0x1.1aa1fd7b685cep-113, 0x1.fa733951f214dp-112, 0x1.ff86852a61400p-112,
            0x1.744ee506fdaffp-110, 0x1.a8195228160a8p-111, 0x1.5d8e757cfb992p-112, 0x1.28cdfd37028ecp-111,
            0x1.5f4f8eb7b05d5p-111, 0x1.a59f88abbe778p-116, 0x1.269796953a4c3p-110, 0x1.c1c601798685fp-111,
            0x1.4217a932d10d4p-114, 0x1.70a1427f8fce0p-113, 0x1.0f6ad65cbbac1p-113, 0x1.6f65181d92096p-118,
            0x1.30644a7836334p-111, 0x1.3bf26d2b85163p-115, 0x1.697e257ac0db2p-112, 0x1.24628ebb49098p-117,
            0x1.6376b7943085dp-111, 0x1.aa0422a8da7d5p-113, 0x1.bfd7adfd63f48p-112, 0x1.62d5c73d1972cp-115,
            0x1.6010f14662857p-111, 0x1.2babc0edda4d9p-112, 0x1.aa64481e1ab73p-112, 0x1.97a6febc7b6a2p-112,
            0x1.9e51125928d9ap-115, 0x1.dd9e6b151a6d2p-117, 0x1.3c4d54ca7e693p-114, 0x1.8fbbfc625f0a0p-113,
            0x1.53eb13eab3811p-114, 0x1.3b721e273d627p-118, 0x1.1bb4ad7620549p-114, 0x1.e92cb3c2d277dp-114,
            0x1.f86dea20610cfp-117, 0x1.24545bac012e4p-114, 0x1.9bffc80ef2b52p-123, 0x1.1fcf9e4844d7bp-116,
            0x0.0p+0, 0x1.0b6147ae9aa1ep-119, 0x1.7fe53e3495f7ep-116, 0x1.5820d96b414edp-115,
            0x1.f26f5bafdd30dp-114, 0x1.5aa76994e9ddbp-113, 0x1.d58b988f562cep-113, 0x1.fcf7698ec82b1p-113,
            0x1.e480d5427fdf6p-114, 0x1.4b279f1b65461p-113, 0x1.59d2f77e46e7bp-114, 0x1.0fc487d21c2b9p-112,
            0x1.93b0328566903p-112, 0x1.3b9c9d230dbbbp-113, 0x1.de54485604691p-111, 0x1.3b1f197260e00p-119,
            0x1.0909a1ec65e4fp-111, 0x1.fcae8ac981caap-111, 0x1.f8f84945afe72p-114, 0x1.9b0b1ff17c297p-111,
            0x1.fdd165c15c123p-111, 0x1.32b43eafc6518p-114, 0x1.0ac312de3d922p-114, 0x1.e1eebae743ac0p-111,
            0x1.c06c7745c2b39p-113, 0x1.1aa1fd7b685cep-112, 0x1.fa733951f214dp-111, 0x1.ff86852a61400p-111,
            0x1.176235f204a04p-110, 0x1.a8195228160a8p-110, 0x1.5d8e757cfb992p-111, 0x1.28cdfd37028ecp-110,
            0x1.5f4f8eb7b05d5p-110, 0x1.a59f88abbe778p-115, 0x1.b2d0d2d58b67bp-110, 0x1.c601798685ee6p-118,
            0x1.4217a932d10d4p-113, 0x1.70a1427f8fce0p-112, 0x1.0f6ad65cbbac1p-112, 0x1.6f65181d92096p-117,
            0x1.30644a7836334p-110, 0x1.3bf26d2b85163p-114, 0x1.697e257ac0db2p-111, 0x1.24628ebb49098p-116,
            0x1.6376b7943085dp-110, 0x1.354084551b4fbp-109, 0x1.bfd7adfd63f48p-111, 0x1.8b16ae39e8cbap-109,
            0x1.6010f14662857p-110, 0x1.2babc0edda4d9p-111, 0x1.aa64481e1ab73p-111, 0x1.9a164050e1258p-109,
            0x1.99e51125928dap-110, 0x1.fc44c329d5cb3p-109, 0x1.d8765566b032ep-110, 0x1.8fbbfc625f0a0p-112,
            0x1.ab053b05531fcp-111, 0x1.3b721e273d627p-117, 0x1.237695aec40aap-110, 0x1.1e92cb3c2d278p-109,
            0x1.f86dea20610cfp-116, 0x1.24545bac012e4p-113, 0x1.4019bffc80ef3p-110, 0x1.dc060c36f7651p-112,
            0x0.0p+0
    };
}
